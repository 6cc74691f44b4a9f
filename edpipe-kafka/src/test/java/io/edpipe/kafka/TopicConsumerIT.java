package io.edpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.edpipe.core.input.ReadResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The consumer's positions, limits, output and follow mode on a real 3-partition topic. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TopicConsumerIT {
  private static final String TOPIC = "consume-sample";

  @RegisterExtension static final KafkaCluster KAFKA = new KafkaCluster();

  private TopicDescription description;

  @BeforeAll
  void publishTheSample() throws IOException {
    KAFKA.admin().create(TopicSpec.of(TOPIC, 3));
    publish(TOPIC, Fixtures.readAll(Fixtures.sampleFile(KAFKA.directory())));
    description = KAFKA.admin().describe(TOPIC);
  }

  @Test
  void readsEveryMessageOfEveryPartitionAndStops() {
    List<ConsumedMessage> messages = new CopyOnWriteArrayList<>();

    ConsumeResult result = consume(TopicConsumerConfig.wholeTopic(KAFKA.client(), TOPIC), messages);

    assertThat(result.reason()).isEqualTo(StopReason.END_OF_TOPIC);
    assertThat(messages).map(ConsumedMessage::valueText).containsExactlyInAnyOrderElementsOf(Fixtures.sampleLines());
    Map<Integer, Long> latest = new java.util.TreeMap<>();
    description.partitions().forEach(partition -> latest.put(partition.partition(), partition.latestOffset()));
    assertThat(result.nextOffsets()).isEqualTo(latest);
  }

  @Test
  void readsOnePartitionFromAnOffsetUpToAMaximum() {
    PartitionDescription fullest =
        description.partitions().stream()
            .max(java.util.Comparator.comparingLong(PartitionDescription::messageCount))
            .orElseThrow();
    List<ConsumedMessage> messages = new CopyOnWriteArrayList<>();

    ConsumeResult result =
        consume(
            TopicConsumerConfig.wholeTopic(KAFKA.client(), TOPIC)
                .withPartition(fullest.partition())
                .withStart(StartPosition.offset(1))
                .withMaxMessages(1),
            messages);

    assertThat(fullest.messageCount()).isGreaterThanOrEqualTo(2);
    assertThat(result.reason()).isEqualTo(StopReason.MAX_MESSAGES);
    assertThat(messages)
        .singleElement()
        .extracting(ConsumedMessage::partition, ConsumedMessage::offset)
        .containsExactly(fullest.partition(), 1L);
  }

  @Test
  void writesMetadataAsJsonLines() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TopicConsumer consumer = TopicConsumer.create(TopicConsumerConfig.wholeTopic(KAFKA.client(), TOPIC).withMaxMessages(1))) {
      consumer.consume(new MessageWriter(out, OutputFormat.JSON));
    }

    String line = out.toString(StandardCharsets.UTF_8);
    assertThat(line).endsWith("\n").startsWith("{\"topic\":\"consume-sample\",\"partition\":");
    try (JsonParser parser = new JsonFactory().createParser(line)) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      parser.skipChildren();
      assertThat(parser.nextToken()).isNull();
    }
  }

  @Test
  void followsNewMessagesUntilStopped() throws Exception {
    admin(admin -> KAFKA.admin().create(TopicSpec.of("consume-follow", 1)));
    List<ConsumedMessage> messages = new CopyOnWriteArrayList<>();
    try (TopicConsumer consumer =
        TopicConsumer.create(
            TopicConsumerConfig.wholeTopic(KAFKA.client(), "consume-follow").withMode(ConsumeMode.FOLLOW))) {
      CompletableFuture<ConsumeResult> running = CompletableFuture.supplyAsync(() -> consumer.consume(messages::add));

      publish("consume-follow", List.of(Fixtures.good(0, "{\"keen_id\":\"late\"}")));
      await().atMost(Duration.ofSeconds(30)).until(() -> messages.size() == 1);
      consumer.stop();

      assertThat(running.get(30, TimeUnit.SECONDS).reason()).isEqualTo(StopReason.STOPPED);
    }
    assertThat(messages).singleElement().extracting(ConsumedMessage::keyText).isEqualTo("late");
  }

  private ConsumeResult consume(TopicConsumerConfig config, List<ConsumedMessage> messages) {
    try (TopicConsumer consumer = TopicConsumer.create(config)) {
      return consumer.consume(messages::add);
    }
  }

  private void publish(String topic, List<ReadResult> elements) {
    try (TopicPublisher publisher = TopicPublisher.create(TopicPublisherConfig.failingOnBad(KAFKA.client(), topic))) {
      publisher.publish(elements.iterator());
    }
  }

  private void admin(java.util.function.Consumer<TopicAdmin> action) {
    try (TopicAdmin admin = TopicAdmin.create(KAFKA.client())) {
      action.accept(admin);
    }
  }
}

package io.edpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import io.edpipe.core.input.AttemptKeys;
import io.edpipe.core.input.AttemptReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real sample through reader, publisher and consumer on a real broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TopicPublisherIT {
  @RegisterExtension static final KafkaCluster KAFKA = new KafkaCluster();

  @Test
  void publishesTheRealSampleKeyedByKeenIdAndReadsItBackByteForByte() throws IOException {
    KAFKA.admin().create(TopicSpec.of("publish-sample", 1));
    Path input = Fixtures.sampleFile(KAFKA.directory());

    PublishResult result;
    List<PublishProgress> reports = new ArrayList<>();
    try (AttemptReader reader = AttemptReader.open(input);
        TopicPublisher publisher = TopicPublisher.create(TopicPublisherConfig.failingOnBad(KAFKA.client(), "publish-sample"))) {
      result = publisher.publish(reader, reports::add);
    }

    assertThat(result.published()).isEqualTo(10);
    assertThat(result.bytes()).isEqualTo(Files.size(input) - 10); // all but the newlines
    assertThat(result.rejected()).isZero();
    assertThat(result.perPartition()).isEqualTo(Map.of(0, 10L));
    assertThat(reports).last().extracting(PublishProgress::published).isEqualTo(10L);

    ByteArrayOutputStream values = new ByteArrayOutputStream();
    List<ConsumedMessage> messages = new ArrayList<>();
    try (TopicConsumer consumer = TopicConsumer.create(TopicConsumerConfig.wholeTopic(KAFKA.client(), "publish-sample"))) {
      MessageWriter writer = new MessageWriter(values, OutputFormat.VALUE);
      consumer.consume(
          message -> {
            messages.add(message);
            writer.handle(message);
          });
    }
    assertThat(values.toByteArray()).isEqualTo(Files.readAllBytes(input));
    assertThat(messages)
        .map(ConsumedMessage::keyText)
        .containsExactlyElementsOf(
            Fixtures.sampleLines().stream().map(line -> AttemptKeys.keyOf(line).orElseThrow()).toList());
    assertThat(KAFKA.admin().describe("publish-sample").partitions().get(0).latestOffset()).isEqualTo(10);
  }

  @Test
  void failsAtAnOversizedElementNamingItsLocationAfterStoringTheOnesBefore() throws IOException {
    KAFKA.admin().create(TopicSpec.of("publish-oversize", 1).withConfig(Map.of("max.message.bytes", "20000")));
    Path input = sampleWithLargeElement();

    assertThatThrownBy(() -> publish(input, TopicPublisherConfig.failingOnBad(KAFKA.client(), "publish-oversize")))
        .isInstanceOf(PipelineException.class)
        .hasMessageMatching(
            "Cannot publish .*with-large\\.jsonl, element 5 \\(line 6, byte offset \\d+\\): message too large:"
                + " 30,\\d{3} bytes, over the limit of 20,000 bytes \\(max.message.bytes of topic publish-oversize\\)")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.BAD_INPUT);
    assertThat(KAFKA.admin().describe("publish-oversize").messageCount()).isEqualTo(5);
  }

  @Test
  void skipsAnOversizedElementIntoTheRejectsFile() throws IOException {
    KAFKA.admin().create(TopicSpec.of("publish-skip", 1).withConfig(Map.of("max.message.bytes", "20000")));
    Path input = sampleWithLargeElement();
    Path rejects = KAFKA.directory().resolve("rejects/publish-skip.jsonl");

    PublishResult result = publish(input, TopicPublisherConfig.skippingBad(KAFKA.client(), "publish-skip", rejects));

    assertThat(result.published()).isEqualTo(10);
    assertThat(result.rejected()).isEqualTo(1);
    assertThat(result.rejectsFile()).contains(rejects);
    assertThat(Files.readAllLines(rejects))
        .singleElement()
        .asString()
        .contains("\"index\":5", "\"line\":6", "\"reason\":\"message too large: 30,", "\"raw\":\"{\\\"keen_id\\\":\\\"large\\\"");
    assertThat(KAFKA.admin().describe("publish-skip").messageCount()).isEqualTo(10);
  }

  @Test
  void refusesAMissingTopic() {
    assertThatThrownBy(() -> TopicPublisher.create(TopicPublisherConfig.failingOnBad(KAFKA.client(), "publish-missing")))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Cannot publish to topic publish-missing at " + KAFKA.kafka().bootstrapServers() + ": the topic does not exist")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.BAD_CONFIG);
  }

  @Test
  void refusesABadClientProperty() {
    KAFKA.admin().create(TopicSpec.of("publish-bad-property", 1));
    KafkaClientConfig badLinger = KAFKA.client().withClientProperties(Map.of("linger.ms", "soon"));

    assertThatThrownBy(() -> TopicPublisher.create(TopicPublisherConfig.failingOnBad(badLinger, "publish-bad-property")))
        .isInstanceOf(PipelineException.class)
        .hasMessage(
            "Cannot create Kafka producer for topic publish-bad-property: Invalid value soon for configuration"
                + " linger.ms: Not a number of type LONG")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.BAD_CONFIG);
  }

  private PublishResult publish(Path input, TopicPublisherConfig config) {
    try (AttemptReader reader = AttemptReader.open(input);
        TopicPublisher publisher = TopicPublisher.create(config)) {
      return publisher.publish(reader);
    }
  }

  /** The sample with a 30 KB attempt inserted as element 5 (line 6). */
  private Path sampleWithLargeElement() throws IOException {
    List<String> lines = new ArrayList<>(Fixtures.sampleLines());
    lines.add(5, "{\"keen_id\":\"large\",\"padding\":\"" + "x".repeat(30_000) + "\"}");
    return Files.write(KAFKA.directory().resolve("with-large.jsonl"), lines, StandardCharsets.UTF_8);
  }
}

package io.edpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edpipe.core.error.PipelineException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consumer stop rules against Kafka's MockConsumer: partition 0 holds offsets 0-2, partition 1 offset 0. */
class TestTopicConsumer {
  private static final KafkaClientConfig CLIENT = KafkaClientConfig.of("127.0.0.1:9092");
  private static final String TOPIC = "attempts";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  private final MockConsumer<byte[], byte[]> mock = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
  private final List<ConsumedMessage> handled = new ArrayList<>();

  @BeforeEach
  void topicWithTwoPartitions() {
    Node node = new Node(1, "127.0.0.1", 9092);
    mock.updatePartitions(
        TOPIC,
        List.of(
            new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node}),
            new PartitionInfo(TOPIC, 1, node, new Node[] {node}, new Node[] {node})));
    mock.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    mock.updateEndOffsets(Map.of(P0, 3L, P1, 1L));
    mock.schedulePollTask(
        () -> {
          add(P0, 0, "a");
          add(P0, 1, "b");
          add(P0, 2, "c");
          add(P1, 0, "x");
          add(P0, 3, "written after the start");
        });
  }

  @Test
  void readsEveryPartitionUpToTheEndSeenAtTheStart() {
    ConsumeResult result = consume(TopicConsumerConfig.wholeTopic(CLIENT, TOPIC));

    assertThat(values()).containsExactlyInAnyOrder("a", "b", "c", "x");
    assertThat(result.reason()).isEqualTo(StopReason.END_OF_TOPIC);
    assertThat(result.messages()).isEqualTo(4);
    assertThat(result.nextOffsets()).isEqualTo(Map.of(0, 3L, 1, 1L));
  }

  @Test
  void stopsAfterMaxMessages() {
    ConsumeResult result = consume(TopicConsumerConfig.wholeTopic(CLIENT, TOPIC).withMaxMessages(2));

    assertThat(handled).hasSize(2);
    assertThat(result.reason()).isEqualTo(StopReason.MAX_MESSAGES);
  }

  @Test
  void startsAtAnOffsetInOnePartition() {
    ConsumeResult result =
        consume(TopicConsumerConfig.wholeTopic(CLIENT, TOPIC).withPartition(0).withStart(StartPosition.offset(1)));

    assertThat(values()).containsExactly("b", "c");
    assertThat(handled).map(ConsumedMessage::offset).containsExactly(1L, 2L);
    assertThat(result.nextOffsets()).isEqualTo(Map.of(0, 3L));
  }

  @Test
  void endsAtOnceWhenStartingAtTheEnd() {
    ConsumeResult result = consume(TopicConsumerConfig.wholeTopic(CLIENT, TOPIC).withStart(StartPosition.end()));

    assertThat(handled).isEmpty();
    assertThat(result.reason()).isEqualTo(StopReason.END_OF_TOPIC);
    assertThat(result.nextOffsets()).isEqualTo(Map.of(0, 3L, 1, 1L));
  }

  @Test
  void followsUntilStopped() {
    TopicConsumer consumer =
        new TopicConsumer(mock, TopicConsumerConfig.wholeTopic(CLIENT, TOPIC).withMode(ConsumeMode.FOLLOW));

    ConsumeResult result =
        consumer.consume(
            message -> {
              handled.add(message);
              if (handled.size() == 5) {
                consumer.stop();
              }
            });

    assertThat(values()).contains("written after the start");
    assertThat(result.reason()).isEqualTo(StopReason.STOPPED);
  }

  @Test
  void refusesAnUnknownTopic() {
    assertThatThrownBy(() -> consume(TopicConsumerConfig.wholeTopic(CLIENT, "missing")))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Cannot consume topic missing at 127.0.0.1:9092: the topic does not exist");
  }

  @Test
  void refusesAnUnknownPartition() {
    assertThatThrownBy(() -> consume(TopicConsumerConfig.wholeTopic(CLIENT, TOPIC).withPartition(5)))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Cannot consume attempts-5: topic attempts has partitions 0 to 1");
  }

  private ConsumeResult consume(TopicConsumerConfig config) {
    try (TopicConsumer consumer = new TopicConsumer(mock, config)) {
      return consumer.consume(handled::add);
    }
  }

  private List<String> values() {
    return handled.stream().map(ConsumedMessage::valueText).toList();
  }

  private void add(TopicPartition partition, long offset, String value) {
    if (mock.assignment().contains(partition)) {
      mock.addRecord(
          new ConsumerRecord<>(
              TOPIC, partition.partition(), offset, "k".getBytes(StandardCharsets.UTF_8),
              value.getBytes(StandardCharsets.UTF_8)));
    }
  }
}

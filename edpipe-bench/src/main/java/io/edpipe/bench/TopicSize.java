package io.edpipe.bench;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** How many messages a topic holds: the sum over its partitions of latest - earliest offset. */
final class TopicSize {
  private TopicSize() {}

  static long messages(String bootstrapServers, String topic) {
    Map<String, Object> properties =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.CLIENT_ID_CONFIG, "edpipe-bench-topic-size");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic);
      if (partitions == null || partitions.isEmpty()) {
        throw new IllegalStateException("Cannot size topic " + topic + ": it has no partitions");
      }
      List<TopicPartition> topicPartitions =
          partitions.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      Map<TopicPartition, Long> earliest = consumer.beginningOffsets(topicPartitions);
      Map<TopicPartition, Long> latest = consumer.endOffsets(topicPartitions);
      return topicPartitions.stream().mapToLong(partition -> latest.get(partition) - earliest.get(partition)).sum();
    }
  }
}

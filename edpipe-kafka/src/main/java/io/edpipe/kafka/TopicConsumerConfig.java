package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What to read from a topic, kafkacat -C style: no consumer group, no committed offsets.
 *
 * @param partition one partition, or empty for all
 * @param maxMessages stop after this many messages, or empty for no limit
 */
public record TopicConsumerConfig(
    KafkaClientConfig client,
    String topic,
    OptionalInt partition,
    StartPosition start,
    OptionalLong maxMessages,
    ConsumeMode mode) {
  /** Consumer settings that would bring in a consumer group; refused. */
  static final Set<String> OWNED_PROPERTIES = Set.of("group.id", "enable.auto.commit", "group.instance.id");

  public TopicConsumerConfig {
    requireNonNull(client, "client is null");
    KafkaClientConfig.checkNotOwned(client.clientProperties(), OWNED_PROPERTIES);
    TopicNames.check(topic);
    requireNonNull(partition, "partition is null");
    partition.ifPresent(
        number -> {
          if (number < 0) {
            throw new IllegalArgumentException("partition must not be negative: " + number);
          }
        });
    requireNonNull(start, "start is null");
    requireNonNull(maxMessages, "maxMessages is null");
    maxMessages.ifPresent(
        count -> {
          if (count <= 0) {
            throw new IllegalArgumentException("maxMessages must be positive: " + count);
          }
        });
    requireNonNull(mode, "mode is null");
  }

  /** All partitions from the beginning to the current end. */
  public static TopicConsumerConfig wholeTopic(KafkaClientConfig client, String topic) {
    return new TopicConsumerConfig(
        client, topic, OptionalInt.empty(), StartPosition.beginning(), OptionalLong.empty(), ConsumeMode.UNTIL_END);
  }

  public TopicConsumerConfig withPartition(int partition) {
    return new TopicConsumerConfig(client, topic, OptionalInt.of(partition), start, maxMessages, mode);
  }

  public TopicConsumerConfig withStart(StartPosition start) {
    return new TopicConsumerConfig(client, topic, partition, start, maxMessages, mode);
  }

  public TopicConsumerConfig withMaxMessages(long maxMessages) {
    return new TopicConsumerConfig(client, topic, partition, start, OptionalLong.of(maxMessages), mode);
  }

  public TopicConsumerConfig withMode(ConsumeMode mode) {
    return new TopicConsumerConfig(client, topic, partition, start, maxMessages, mode);
  }
}

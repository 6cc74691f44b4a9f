package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A topic to create.
 *
 * @param config topic-level settings such as {@code max.message.bytes} or {@code retention.ms}
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> config) {
  public TopicSpec {
    TopicNames.check(name);
    if (partitions <= 0) {
      throw new IllegalArgumentException("partitions must be positive: " + partitions);
    }
    if (replicationFactor <= 0) {
      throw new IllegalArgumentException("replicationFactor must be positive: " + replicationFactor);
    }
    config = Map.copyOf(requireNonNull(config, "config is null"));
  }

  /** One replica, no topic-level settings. */
  public static TopicSpec of(String name, int partitions) {
    return new TopicSpec(name, partitions, (short) 1, Map.of());
  }

  public TopicSpec withConfig(Map<String, String> config) {
    return new TopicSpec(name, partitions, replicationFactor, config);
  }
}

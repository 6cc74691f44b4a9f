package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * A topic to create.
 *
 * @param replicationFactor replicas per partition; empty for the cluster's own default ({@code
 *     default.replication.factor}), as {@code kafka-topics.sh --create} without {@code --replication-factor}
 * @param config topic-level settings such as {@code max.message.bytes} or {@code retention.ms}
 */
public record TopicSpec(String name, int partitions, Optional<Short> replicationFactor, Map<String, String> config) {
  public TopicSpec {
    TopicNames.check(name);
    if (partitions <= 0) {
      throw new IllegalArgumentException("partitions must be positive: " + partitions);
    }
    requireNonNull(replicationFactor, "replicationFactor is null");
    if (replicationFactor.isPresent() && replicationFactor.get() <= 0) {
      throw new IllegalArgumentException("replicationFactor must be positive: " + replicationFactor.get());
    }
    config = Map.copyOf(requireNonNull(config, "config is null"));
  }

  /** As many replicas as the cluster gives a new topic by default, no topic-level settings. */
  public static TopicSpec of(String name, int partitions) {
    return new TopicSpec(name, partitions, Optional.empty(), Map.of());
  }

  public TopicSpec withReplicationFactor(short replicationFactor) {
    return new TopicSpec(name, partitions, Optional.of(replicationFactor), config);
  }

  public TopicSpec withConfig(Map<String, String> config) {
    return new TopicSpec(name, partitions, replicationFactor, config);
  }
}

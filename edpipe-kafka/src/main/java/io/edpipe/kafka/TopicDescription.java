package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A topic as the broker sees it.
 *
 * @param partitions ordered by partition number
 * @param config every effective topic setting (name to value), sorted by name
 * @param overrides the settings made on the topic itself rather than inherited from the broker
 */
public record TopicDescription(
    String name, String topicId, List<PartitionDescription> partitions, Map<String, String> config,
    Map<String, String> overrides) {
  public static final String MAX_MESSAGE_BYTES = "max.message.bytes";

  public TopicDescription {
    requireNonNull(name, "name is null");
    requireNonNull(topicId, "topicId is null");
    partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
    config = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(config, "config is null")));
    overrides = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(overrides, "overrides is null")));
  }

  public int partitionCount() {
    return partitions.size();
  }

  /** Messages stored over all partitions. */
  public long messageCount() {
    return partitions.stream().mapToLong(PartitionDescription::messageCount).sum();
  }

  /** The largest record batch the topic accepts, in bytes. */
  public int maxMessageBytes() {
    String value = config.get(MAX_MESSAGE_BYTES);
    if (value == null) {
      throw new IllegalStateException("Topic " + name + " has no " + MAX_MESSAGE_BYTES + " setting");
    }
    return Integer.parseInt(value);
  }
}

package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The next offset to read, per topic and partition, in the JSON form Spark's Kafka source takes: {@code
 * {"topic":{"0":42,"1":7}}}. Immutable.
 */
public record TopicOffsets(Map<String, Map<Integer, Long>> offsets) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, TreeMap<Integer, Long>>> SHAPE = new TypeReference<>() {};

  public static final TopicOffsets NONE = new TopicOffsets(Map.of());

  public TopicOffsets {
    requireNonNull(offsets, "offsets is null");
    TreeMap<String, Map<Integer, Long>> copy = new TreeMap<>();
    offsets.forEach((topic, partitions) -> copy.put(topic, Map.copyOf(new TreeMap<>(partitions))));
    offsets = Map.copyOf(copy);
  }

  public static TopicOffsets of(String topic, Map<Integer, Long> partitions) {
    return new TopicOffsets(Map.of(topic, partitions));
  }

  public static TopicOffsets fromJson(String json) {
    try {
      return new TopicOffsets(Map.copyOf(JSON.readValue(json, SHAPE)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot read Kafka offsets: not {\"topic\":{\"partition\":offset}}: " + json, e);
    }
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(new TreeMap<>(offsets));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write Kafka offsets " + offsets, e);
    }
  }

  public Optional<Long> next(String topic, int partition) {
    return Optional.ofNullable(offsets.getOrDefault(topic, Map.of()).get(partition));
  }

  public Map<Integer, Long> partitions(String topic) {
    return offsets.getOrDefault(topic, Map.of());
  }

  /** These offsets with {@code topic}'s partitions replaced by {@code partitions}. */
  public TopicOffsets with(String topic, Map<Integer, Long> partitions) {
    Map<String, Map<Integer, Long>> merged = new TreeMap<>(offsets);
    merged.put(topic, partitions);
    return new TopicOffsets(merged);
  }

  /**
   * These offsets moved forward to {@code partitions} for {@code topic}: each named partition takes the higher of
   * the two offsets; other partitions and topics are kept.
   */
  public TopicOffsets advance(String topic, Map<Integer, Long> partitions) {
    Map<Integer, Long> merged = new TreeMap<>(partitions(topic));
    partitions.forEach((partition, offset) -> merged.merge(partition, offset, Math::max));
    return with(topic, merged);
  }
}

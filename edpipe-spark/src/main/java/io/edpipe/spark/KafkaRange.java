package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * A bounded slice of one topic: for each partition, the first offset to read and the offset to stop before.
 */
public record KafkaRange(String topic, Map<Integer, Long> start, Map<Integer, Long> end) {
  public KafkaRange {
    requireNonNull(topic, "topic is null");
    start = Map.copyOf(new TreeMap<>(requireNonNull(start, "start is null")));
    end = Map.copyOf(new TreeMap<>(requireNonNull(end, "end is null")));
    if (!start.keySet().equals(end.keySet())) {
      throw new IllegalArgumentException("start and end must name the same partitions: " + start + " vs " + end);
    }
    for (Map.Entry<Integer, Long> entry : start.entrySet()) {
      long stop = end.get(entry.getKey());
      if (entry.getValue() > stop) {
        throw new IllegalArgumentException(
            "start offset " + entry.getValue() + " is after end offset " + stop + " in partition " + entry.getKey());
      }
    }
  }

  public long messageCount() {
    return start.entrySet().stream().mapToLong(e -> end.get(e.getKey()) - e.getValue()).sum();
  }

  public boolean isEmpty() {
    return messageCount() == 0;
  }
}

package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/** Per partition, the earliest retained offset and the latest offset (the next one to be written). */
public record PartitionBounds(Map<Integer, Long> earliest, Map<Integer, Long> latest) {
  public PartitionBounds {
    earliest = Map.copyOf(new TreeMap<>(requireNonNull(earliest, "earliest is null")));
    latest = Map.copyOf(new TreeMap<>(requireNonNull(latest, "latest is null")));
    if (!earliest.keySet().equals(latest.keySet())) {
      throw new IllegalArgumentException("earliest and latest must name the same partitions");
    }
  }
}

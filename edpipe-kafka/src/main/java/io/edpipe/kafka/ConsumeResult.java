package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link TopicConsumer} run read.
 *
 * @param bytes value bytes handed to the handler
 * @param nextOffsets per partition, the offset after the last message handed over (or the start offset)
 */
public record ConsumeResult(
    long messages, long bytes, StopReason reason, Map<Integer, Long> nextOffsets, Duration elapsed) {
  public ConsumeResult {
    requireNonNull(reason, "reason is null");
    nextOffsets = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(nextOffsets, "nextOffsets is null")));
    requireNonNull(elapsed, "elapsed is null");
  }
}

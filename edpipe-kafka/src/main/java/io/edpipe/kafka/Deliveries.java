package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts the messages the broker acknowledged, per partition, and keeps the first failed send. Updated from the
 * producer's I/O thread, read from the publishing thread.
 */
final class Deliveries {
  private final String topic;
  private final LongAdder published = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final Map<Integer, LongAdder> perPartition = new ConcurrentHashMap<>();
  private final AtomicReference<PipelineException> failure = new AtomicReference<>();

  Deliveries(String topic) {
    this.topic = requireNonNull(topic, "topic is null");
  }

  /** A callback for one message of {@code valueBytes} bytes. */
  Callback callback(int valueBytes) {
    return (metadata, exception) -> {
      if (exception == null) {
        published.increment();
        bytes.add(valueBytes);
        perPartition.computeIfAbsent(metadata.partition(), partition -> new LongAdder()).increment();
        return;
      }
      String where =
          metadata != null && metadata.partition() >= 0
              ? new TopicPartition(topic, metadata.partition()).toString()
              : "topic " + topic;
      failure.compareAndSet(
          null,
          new PipelineException(
              ErrorCode.KAFKA_UNAVAILABLE, exception, "Cannot publish to %s: %s", where, exception.getMessage()));
    };
  }

  /** Throws the first failed send, if any. */
  void throwIfFailed() {
    PipelineException first = failure.get();
    if (first != null) {
      throw first;
    }
  }

  long published() {
    return published.sum();
  }

  long bytes() {
    return bytes.sum();
  }

  Map<Integer, Long> perPartition() {
    return perPartition.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().sum()));
  }
}

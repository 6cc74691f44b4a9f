package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;

/**
 * The largest message a topic takes, checked before sending so that an oversized element is reported with its
 * location instead of failing the producer. The size is the one the producer checks: an upper bound of the
 * record batch holding just this message, uncompressed (conservative: compression could only shrink it).
 *
 * @param maxBytes the limit in bytes
 * @param origin where the limit comes from, for messages ("max.message.bytes of topic attempts")
 */
record MessageSizeLimit(int maxBytes, String origin) {
  MessageSizeLimit {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    requireNonNull(origin, "origin is null");
  }

  /** The smaller of the topic's and the producer's limits. */
  static MessageSizeLimit of(String topic, int topicMaxMessageBytes, int producerMaxRequestSize) {
    return topicMaxMessageBytes <= producerMaxRequestSize
        ? new MessageSizeLimit(topicMaxMessageBytes, "max.message.bytes of topic " + topic)
        : new MessageSizeLimit(producerMaxRequestSize, "the producer's max.request.size");
  }

  static int sizeOf(byte[] key, byte[] value) {
    return sizeOf(key, value, Record.EMPTY_HEADERS);
  }

  static int sizeOf(byte[] key, byte[] value, Header[] headers) {
    return AbstractRecords.estimateSizeInBytesUpperBound(
        RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE, key, value, headers);
  }

  /** Why the message is too large, or empty if it fits. */
  Optional<String> violation(byte[] key, byte[] value) {
    return violation(key, value, Record.EMPTY_HEADERS);
  }

  /** Why the message with {@code headers} is too large, or empty if it fits. */
  Optional<String> violation(byte[] key, byte[] value, Header[] headers) {
    int size = sizeOf(key, value, headers);
    if (size <= maxBytes) {
      return Optional.empty();
    }
    return Optional.of(
        String.format("message too large: %,d bytes, over the limit of %,d bytes (%s)", size, maxBytes, origin));
  }
}

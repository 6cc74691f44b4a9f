package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * One message read from a topic. The arrays are the consumer's own; handlers must not change them.
 *
 * @param timestamp epoch milliseconds
 * @param key null if the message has no key
 * @param value null for a tombstone
 */
public record ConsumedMessage(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
  public ConsumedMessage {
    requireNonNull(topic, "topic is null");
  }

  /** The value as UTF-8 text, or null. */
  public String valueText() {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  /** The key as UTF-8 text, or null. */
  public String keyText() {
    return key == null ? null : new String(key, StandardCharsets.UTF_8);
  }
}

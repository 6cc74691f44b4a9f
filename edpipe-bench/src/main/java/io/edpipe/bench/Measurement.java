package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

/**
 * What one engine reported about its own work (its start-up excluded).
 *
 * @param seconds the time it measured
 * @param messagesPerSecond its own rate when it prints one (more precise than messages / rounded seconds)
 * @param bytes what it wrote or sent, or -1 when unknown
 */
public record Measurement(String engine, long messages, double seconds, double messagesPerSecond, long bytes) {
  public Measurement {
    requireNonNull(engine, "engine is null");
    if (messages < 0 || seconds < 0 || messagesPerSecond < 0) {
      throw new IllegalArgumentException(
          "Invalid measurement of " + engine + ": " + messages + " messages, " + seconds + " s, " + messagesPerSecond + "/s");
    }
  }

  /** From a count and a time. */
  public static Measurement of(String engine, long messages, double seconds, long bytes) {
    return new Measurement(engine, messages, seconds, seconds > 0 ? messages / seconds : 0, bytes);
  }

  public Measurement withBytes(long newBytes) {
    return new Measurement(engine, messages, seconds, messagesPerSecond, newBytes);
  }

  public boolean hasBytes() {
    return bytes >= 0;
  }
}

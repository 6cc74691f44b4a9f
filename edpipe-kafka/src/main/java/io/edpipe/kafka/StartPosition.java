package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

/**
 * Where consuming starts in each partition.
 *
 * @param offset the offset for {@link Kind#OFFSET}, clamped to what the partition holds; 0 otherwise
 */
public record StartPosition(Kind kind, long offset) {
  /** The kind of start. */
  public enum Kind {
    /** The earliest stored message. */
    BEGINNING,
    /** After the latest message: only new messages (with follow mode). */
    END,
    /** A given offset. */
    OFFSET
  }

  public StartPosition {
    requireNonNull(kind, "kind is null");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    if (kind != Kind.OFFSET && offset != 0) {
      throw new IllegalArgumentException("offset is only for kind OFFSET: " + kind + " " + offset);
    }
  }

  public static StartPosition beginning() {
    return new StartPosition(Kind.BEGINNING, 0);
  }

  public static StartPosition end() {
    return new StartPosition(Kind.END, 0);
  }

  public static StartPosition offset(long offset) {
    return new StartPosition(Kind.OFFSET, offset);
  }

  /** The offset to seek to in a partition holding {@code [earliest, latest)}. */
  long resolve(long earliest, long latest) {
    return switch (kind) {
      case BEGINNING -> earliest;
      case END -> latest;
      case OFFSET -> Math.max(earliest, Math.min(offset, latest));
    };
  }
}

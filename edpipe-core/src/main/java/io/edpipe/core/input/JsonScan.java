package io.edpipe.core.input;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * A position in JSON bytes, and the steps the quick readers ({@link QuickJsonCheck} and the quick attempt parser)
 * share: whitespace, an expected byte, a literal, and the ',' or closing bracket after a value. Whitespace is what
 * RFC 8259 (and Jackson by default) allows: space, tab, CR and LF. Not thread-safe.
 */
public abstract class JsonScan {
  protected static final byte[] TRUE = "true".getBytes(US_ASCII);
  protected static final byte[] FALSE = "false".getBytes(US_ASCII);
  protected static final byte[] NULL = "null".getBytes(US_ASCII);

  protected byte[] bytes;
  protected int end;
  protected int position;
  /** Whether any whitespace was skipped since {@link #start}. */
  protected boolean spaced;

  /** Starts on {@code [from, to)} of {@code json}. */
  protected final void start(byte[] json, int from, int to) {
    bytes = json;
    end = to;
    position = from;
    spaced = false;
  }

  /** Lets go of the bytes. */
  protected final void finish() {
    bytes = null;
  }

  protected final void skipWhitespace() {
    int start = position;
    while (position < end && isWhitespace(bytes[position])) {
      position++;
    }
    spaced |= position != start;
  }

  protected final boolean at(char expected) {
    return position < end && bytes[position] == expected;
  }

  /**
   * After a value: skips whitespace and the ',' or {@code close} that must follow. 1 after a ',' (more follows,
   * whitespace skipped), 0 after {@code close}, -1 for anything else.
   */
  protected final int next(char close) {
    skipWhitespace();
    if (position >= end) {
      return -1;
    }
    byte next = bytes[position++];
    if (next == close) {
      return 0;
    }
    if (next != ',') {
      return -1;
    }
    skipWhitespace();
    return 1;
  }

  /**
   * Reads {@code literal} ({@link #TRUE}, {@link #FALSE}, {@link #NULL}) if it is next. What follows is the
   * container's to check with {@link #next}: only whitespace and its delimiters may ({@code truex} fails there).
   */
  protected final boolean literal(byte[] literal) {
    if (position + literal.length > end || !same(position, literal)) {
      return false;
    }
    position += literal.length;
    return true;
  }

  /** Whether the bytes from {@code from} are {@code expected}'s; as many must be there. */
  protected final boolean same(int from, byte[] expected) {
    for (int i = 0; i < expected.length; i++) {
      if (bytes[from + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWhitespace(byte value) {
    return value == ' ' || value == '\n' || value == '\r' || value == '\t';
  }
}

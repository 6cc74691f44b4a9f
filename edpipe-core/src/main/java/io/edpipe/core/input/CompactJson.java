package io.edpipe.core.input;

import java.util.Arrays;

/** Drops the whitespace between the tokens of one well-formed JSON value, keeping every other byte as received. */
final class CompactJson {
  private CompactJson() {}

  /** The bytes of {@code [from, to)} without whitespace outside strings; the value must already be valid JSON. */
  static byte[] strip(byte[] json, int from, int to) {
    return isCompact(json, from, to) ? Arrays.copyOfRange(json, from, to) : stripEachByte(json, from, to);
  }

  /** {@link #strip}, looking at each byte: for values that are not compact already. */
  static byte[] stripEachByte(byte[] json, int from, int to) {
    byte[] out = new byte[to - from];
    int length = 0;
    boolean inString = false;
    for (int i = from; i < to; i++) {
      byte next = json[i];
      if (inString) {
        out[length++] = next;
        if (next == '\\' && i + 1 < to) {
          out[length++] = json[++i];
        } else if (next == '"') {
          inString = false;
        }
      } else if (!isWhitespace(next)) {
        out[length++] = next;
        inString = next == '"';
      }
    }
    return length == out.length ? out : Arrays.copyOf(out, length);
  }

  /**
   * True if {@code [from, to)} has neither whitespace outside its strings nor a backslash: JSON written compact,
   * as JSON Lines mostly are, which then needs no stripping. Reads eight bytes at a time: a word without blanks
   * only flips the in-a-string state once per quote in it. False when unsure (any backslash).
   */
  static boolean isCompact(byte[] json, int from, int to) {
    boolean inString = false;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long word = Bytes8.word(json, i);
      if (Bytes8.has(word, (byte) '\\')) {
        return false;
      }
      if (Bytes8.hasBelow(word, ' ' + 1)) {
        for (int k = i; k < i + 8; k++) {
          if (json[k] == '"') {
            inString = !inString;
          } else if (!inString && (json[k] & 0xFF) <= ' ') {
            return false;
          }
        }
      } else if ((Bytes8.count(word, (byte) '"') & 1) == 1) {
        inString = !inString;
      }
    }
    for (; i < to; i++) {
      if (json[i] == '\\') {
        return false;
      } else if (json[i] == '"') {
        inString = !inString;
      } else if (!inString && (json[i] & 0xFF) <= ' ') {
        return false;
      }
    }
    return true;
  }

  /** JSON's four whitespace bytes. */
  static boolean isWhitespace(int value) {
    return value == ' ' || value == '\n' || value == '\r' || value == '\t';
  }
}

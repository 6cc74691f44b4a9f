package io.edpipe.core.input;

import java.util.Arrays;

/** Drops the whitespace between the tokens of one well-formed JSON value, keeping every other byte as received. */
final class CompactJson {
  private CompactJson() {}

  /** The bytes of {@code [from, to)} without whitespace outside strings; the value must already be valid JSON. */
  static byte[] strip(byte[] json, int from, int to) {
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

  /** JSON's four whitespace bytes. */
  static boolean isWhitespace(int value) {
    return value == ' ' || value == '\n' || value == '\r' || value == '\t';
  }
}

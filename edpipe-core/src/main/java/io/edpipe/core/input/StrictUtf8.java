package io.edpipe.core.input;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes UTF-8 without replacing bad bytes, telling where the first one is. Not thread-safe. */
final class StrictUtf8 {
  /** Thrown for bytes that are not UTF-8. */
  static final class InvalidUtf8Exception extends Exception {
    private static final long serialVersionUID = 1L;

    private final int index;

    InvalidUtf8Exception(int index) {
      super("invalid UTF-8 at byte " + index, null, false, false);
      this.index = index;
    }

    /** Index of the first bad byte. */
    int index() {
      return index;
    }
  }

  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  /** Checks that {@code utf8} is UTF-8 without decoding it when it is ASCII, as attempts mostly are. */
  void check(byte[] utf8) throws InvalidUtf8Exception {
    if (!Bytes8.isAscii(utf8, 0, utf8.length)) {
      decode(utf8);
    }
  }

  String decode(byte[] utf8) throws InvalidUtf8Exception {
    ByteBuffer in = ByteBuffer.wrap(utf8);
    CharBuffer out = CharBuffer.allocate(utf8.length);
    decoder.reset();
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new InvalidUtf8Exception(in.position());
    }
    return out.flip().toString();
  }
}

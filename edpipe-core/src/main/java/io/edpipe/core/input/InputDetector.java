package io.edpipe.core.input;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Finds out how an input is laid out: gzip or not (magic bytes), then, after an optional UTF-8 byte order mark
 * and whitespace, '[' for a JSON array or '{' for JSON Lines.
 */
final class InputDetector {
  static final int BUFFER_SIZE = 64 * 1024;

  /**
   * The detected layout and the (decompressed) stream, positioned at the first non-whitespace byte.
   *
   * @param startOffset offset of that byte in the decompressed input
   * @param startLine 1-based line of that byte
   */
  record Detected(InputStream stream, InputFormat format, boolean gzip, long startOffset, long startLine) {
    Detected {
      requireNonNull(stream, "stream is null");
      requireNonNull(format, "format is null");
    }
  }

  private InputDetector() {}

  /** Detects the layout; the caller closes {@code raw} if this throws, else the returned stream. */
  static Detected detect(String source, InputStream raw) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_SIZE);
    boolean gzip = startsWithGzipMagic(buffered);
    InputStream decompressed = buffered;
    if (gzip) {
      try {
        decompressed = new BufferedInputStream(new GZIPInputStream(buffered, BUFFER_SIZE), BUFFER_SIZE);
      } catch (ZipException e) {
        throw new PipelineException(ErrorCode.BAD_INPUT, e, "Cannot read %s: not a valid gzip file (%s)", source,
            e.getMessage());
      }
    }
    PushbackInputStream stream = new PushbackInputStream(decompressed, 1);
    long offset = 0;
    long line = 1;
    int next = stream.read();
    if (next == 0xEF) {
      if (stream.read() != 0xBB || stream.read() != 0xBF) {
        throw unexpected(source, 0xEF, 0);
      }
      offset = 3;
      next = stream.read();
    }
    while (next >= 0 && CompactJson.isWhitespace(next)) {
      if (next == '\n') {
        line++;
      }
      offset++;
      next = stream.read();
    }
    InputFormat format = switch (next) {
      case '[' -> InputFormat.JSON_ARRAY;
      case '{' -> InputFormat.JSON_LINES;
      case -1 -> throw new PipelineException(ErrorCode.BAD_INPUT,
          "Cannot read %s: the input is empty (no JSON array or JSON Lines found)", source);
      default -> throw unexpected(source, next, offset);
    };
    stream.unread(next);
    return new Detected(stream, format, gzip, offset, line);
  }

  private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return first == 0x1F && second == 0x8B;
  }

  private static PipelineException unexpected(String source, int found, long offset) {
    String what;
    if (found == 0xFE || found == 0xFF || found == 0) {
      what = String.format("byte 0x%02X (UTF-16 or UTF-32? only UTF-8 is supported)", found);
    } else if (found >= 0x21 && found < 0x7F) {
      what = "'" + (char) found + "'";
    } else {
      what = String.format("byte 0x%02X", found);
    }
    return new PipelineException(ErrorCode.BAD_INPUT,
        "Cannot read %s: expected a JSON array ('[') or JSON Lines ('{') but found %s at byte offset %d",
        source, what, offset);
  }
}

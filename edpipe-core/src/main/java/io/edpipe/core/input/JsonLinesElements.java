package io.edpipe.core.input;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads JSON Lines: one object per line ('\n', optionally preceded by '\r'); blank lines are skipped and not
 * counted. Each line is checked ({@link QuickJsonCheck}, else Jackson); a bad line is reported and reading goes on
 * with the next one.
 */
final class JsonLinesElements implements ElementSource {
  private static final int CHUNK_SIZE = 64 * 1024;
  private static final int INITIAL_LINE_CAPACITY = 16 * 1024;

  private final String source;
  private final InputStream in;
  private final JsonFactory factory;
  private final StrictUtf8 utf8 = new StrictUtf8();
  private final QuickJsonCheck quick = new QuickJsonCheck();

  private final byte[] chunk = new byte[CHUNK_SIZE];
  private int chunkPosition;
  private int chunkLimit;
  private boolean endOfInput;

  private byte[] line = new byte[INITIAL_LINE_CAPACITY];
  private int lineLength;
  private long nextLineOffset;
  private long nextLineNumber;
  private long index;
  private String key; // of the line check() passed last

  /**
   * @param in the input, positioned at the first element's '{'
   * @param baseOffset offset of that '{' in the input
   * @param baseLine 1-based line of that '{'
   */
  JsonLinesElements(String source, InputStream in, long baseOffset, long baseLine, JsonFactory factory) {
    this.source = requireNonNull(source, "source is null");
    this.in = requireNonNull(in, "in is null");
    this.factory = requireNonNull(factory, "factory is null");
    this.nextLineOffset = baseOffset;
    this.nextLineNumber = baseLine;
  }

  @Override
  public ReadResult next() throws IOException {
    while (true) {
      long lineOffset = nextLineOffset;
      long lineNumber = nextLineNumber;
      if (!readLine()) {
        return null;
      }
      int first = 0;
      while (first < lineLength && CompactJson.isWhitespace(line[first])) {
        first++;
      }
      if (first == lineLength) {
        continue; // blank line
      }
      int end = lineLength;
      while (CompactJson.isWhitespace(line[end - 1])) {
        end--;
      }
      return element(index++, lineNumber, lineOffset + first, first, end);
    }
  }

  private ReadResult element(long elementIndex, long lineNumber, long offset, int from, int to) {
    if (quick.check(line, from, to)) { // ASCII, so valid UTF-8
      byte[] compact =
          quick.isCompact() ? Arrays.copyOfRange(line, from, to) : CompactJson.stripEachByte(line, from, to);
      return new ReadResult.Good(new InputElement(source, elementIndex, lineNumber, offset, compact, quick.key()));
    }
    String problem = check(offset, from, to);
    if (problem == null) {
      byte[] compact = CompactJson.strip(line, from, to);
      try {
        utf8.check(compact);
        return new ReadResult.Good(new InputElement(source, elementIndex, lineNumber, offset, compact, key));
      } catch (StrictUtf8.InvalidUtf8Exception e) {
        problem = "not valid UTF-8 at byte offset " + (offset + invalidUtf8Index(from, to));
      }
    }
    String raw = new String(line, from, to - from, StandardCharsets.UTF_8);
    return new BadElement(source, elementIndex, lineNumber, offset, problem, raw, false);
  }

  /**
   * Null if the line holds exactly one JSON object, else what is wrong; sets {@link #key} on the way. With Jackson:
   * for the lines the quick check is unsure of, and to word what is wrong.
   */
  private String check(long offset, int from, int to) {
    key = null;
    try (JsonParser parser = factory.createParser(line, from, to - from)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return "not a JSON object (found " + JsonErrors.describe(first) + ")";
      }
      key = AttemptKeys.scan(parser);
      if (parser.nextToken() != null) {
        return "more than one JSON value on the line (the next starts at byte offset "
            + (offset + parser.currentTokenLocation().getByteOffset()) + ")";
      }
      return null;
    } catch (JsonEOFException e) {
      return "truncated JSON: the line ends inside the object: " + JsonErrors.message(e);
    } catch (JsonProcessingException e) {
      long at = e.getLocation() == null ? 0 : e.getLocation().getByteOffset();
      return "invalid JSON at byte offset " + (offset + at) + ": " + JsonErrors.message(e);
    } catch (IOException e) {
      // Parsing bytes held in memory cannot fail to read.
      throw new IllegalStateException("Cannot parse a line held in memory", e);
    }
  }

  private int invalidUtf8Index(int from, int to) {
    try {
      utf8.decode(Arrays.copyOfRange(line, from, to));
      return 0;
    } catch (StrictUtf8.InvalidUtf8Exception e) {
      return e.index();
    }
  }

  /** Reads up to the next '\n' (dropped) into {@link #line}; false at the end of the input. */
  private boolean readLine() throws IOException {
    lineLength = 0;
    boolean readAny = false;
    while (true) {
      if (chunkPosition == chunkLimit && !fill()) {
        if (readAny) {
          nextLineNumber++;
        }
        return readAny;
      }
      readAny = true;
      int newline = indexOfNewline(chunkPosition, chunkLimit);
      int end = newline >= 0 ? newline : chunkLimit;
      appendToLine(chunkPosition, end - chunkPosition);
      nextLineOffset += end - chunkPosition;
      chunkPosition = end;
      if (newline >= 0) {
        chunkPosition++;
        nextLineOffset++;
        nextLineNumber++;
        return true;
      }
    }
  }

  private int indexOfNewline(int from, int to) {
    return Bytes8.indexOf(chunk, (byte) '\n', from, to);
  }

  private void appendToLine(int from, int count) {
    if (lineLength + count > line.length) {
      line = Arrays.copyOf(line, Math.max(lineLength + count, line.length * 2));
    } else if (lineLength == 0 && line.length > 16 * INITIAL_LINE_CAPACITY && count < INITIAL_LINE_CAPACITY) {
      line = new byte[INITIAL_LINE_CAPACITY]; // give back the memory of an earlier huge line
    }
    System.arraycopy(chunk, from, line, lineLength, count);
    lineLength += count;
  }

  private boolean fill() throws IOException {
    if (endOfInput) {
      return false;
    }
    int read = in.read(chunk, 0, chunk.length);
    while (read == 0) {
      read = in.read(chunk, 0, chunk.length);
    }
    if (read < 0) {
      endOfInput = true;
      return false;
    }
    chunkPosition = 0;
    chunkLimit = read;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

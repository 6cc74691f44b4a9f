package io.edpipe.core.input;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streams the elements of one JSON array with Jackson's {@link JsonParser}, in constant memory (one element at a
 * time). Jackson checks the syntax and finds where each element starts and ends; the element's text is the exact
 * bytes between, minus whitespace between tokens, so numbers, escapes and key order stay as received.
 *
 * <p>An element that is not an object is reported and skipped. A syntax error ends the array: it is reported as
 * a bad element that {@linkplain BadElement#endsInput() ends the input}.
 */
final class JsonArrayElements implements ElementSource {
  private final String source;
  private final RecordingInputStream recording;
  private final JsonParser parser;
  private final long baseOffset;
  private final long baseLine;
  private final StrictUtf8 utf8 = new StrictUtf8();

  private long index;
  private boolean started;
  private boolean finished;

  /**
   * @param in the input, positioned at the array's '['
   * @param baseOffset offset of the '[' in the input
   * @param baseLine 1-based line of the '['
   */
  JsonArrayElements(String source, InputStream in, long baseOffset, long baseLine, JsonFactory factory)
      throws IOException {
    this.source = requireNonNull(source, "source is null");
    this.recording = new RecordingInputStream(in);
    this.parser = requireNonNull(factory, "factory is null").createParser(recording);
    this.baseOffset = baseOffset;
    this.baseLine = baseLine;
  }

  @Override
  public ReadResult next() throws IOException {
    if (finished) {
      return null;
    }
    long elementStart = -1;
    long elementLine = -1;
    try {
      if (!started) {
        parser.nextToken(); // the '[' seen by detection
        started = true;
      }
      JsonToken token = parser.nextToken();
      if (token == JsonToken.END_ARRAY) {
        return endOfArray();
      }
      JsonLocation start = parser.currentTokenLocation();
      elementStart = start.getByteOffset();
      elementLine = start.getLineNr();
      recording.discardBefore(elementStart);
      long elementEnd;
      String key = null;
      if (token.isStructStart()) {
        if (token == JsonToken.START_OBJECT) {
          key = AttemptKeys.scan(parser); // reads up to the object's end, as skipChildren would
        } else {
          parser.skipChildren();
        }
        elementEnd = parser.currentTokenLocation().getByteOffset() + 1;
      } else {
        parser.finishToken();
        elementEnd = parser.currentLocation().getByteOffset();
      }
      byte[] raw = recording.copy(elementStart, elementEnd);
      recording.discardBefore(elementEnd);
      long elementIndex = index++;
      if (token != JsonToken.START_OBJECT) {
        return bad(elementIndex, elementLine, elementStart, "not a JSON object (found " + JsonErrors.describe(token)
            + ")", raw, false);
      }
      return element(elementIndex, elementLine, elementStart, raw, key);
    } catch (JsonProcessingException e) {
      if (isEndOfInput(e)) {
        String where = elementStart >= 0 ? "inside this element" : "before the array is closed";
        return syntaxError(elementStart, elementLine, e, "truncated: the input ends " + where);
      }
      return syntaxError(elementStart, elementLine, e, "invalid JSON");
    }
  }

  /** Jackson reports some ends of input as plain parse errors: check where the error is. */
  private boolean isEndOfInput(JsonProcessingException error) {
    return error instanceof JsonEOFException
        || (recording.reachedEnd()
            && error.getLocation() != null
            && error.getLocation().getByteOffset() >= recording.recordedEnd());
  }

  private ReadResult element(long elementIndex, long line, long start, byte[] raw, String key) {
    byte[] compact = CompactJson.strip(raw, 0, raw.length);
    try {
      utf8.check(compact);
      return new ReadResult.Good(
          new InputElement(source, elementIndex, baseLine + line - 1, baseOffset + start, compact, key));
    } catch (StrictUtf8.InvalidUtf8Exception e) {
      return bad(elementIndex, line, start, "not valid UTF-8", raw, false);
    }
  }

  /** After the closing ']': anything but whitespace is an error. */
  private ReadResult endOfArray() throws IOException {
    finished = true;
    long afterArray = parser.currentTokenLocation().getByteOffset() + 1;
    JsonToken extra;
    try {
      extra = parser.nextToken();
    } catch (JsonProcessingException e) {
      extra = JsonToken.NOT_AVAILABLE;
    }
    if (extra == null) {
      return null;
    }
    JsonLocation location = parser.currentLocation();
    recording.discardBefore(afterArray);
    return new BadElement(source, index, baseLine + location.getLineNr() - 1, baseOffset + afterArray,
        "unexpected content after the end of the array", text(recording.copy(afterArray, recording.recordedEnd())),
        true);
  }

  private ReadResult syntaxError(long elementStart, long elementLine, JsonProcessingException error, String what) {
    finished = true;
    JsonLocation at = error.getLocation();
    long errorOffset = at == null ? recording.recordedEnd() : at.getByteOffset();
    long errorLine = at == null ? -1 : at.getLineNr();
    String reason = String.format("%s at line %d, byte offset %d: %s", what, baseLine + errorLine - 1,
        baseOffset + errorOffset, JsonErrors.message(error));
    long from = elementStart >= 0 ? elementStart : Math.max(recording.keptStart(), Math.min(errorOffset,
        recording.recordedEnd()));
    long to = Math.max(from, Math.min(errorOffset + 1, recording.recordedEnd()));
    return bad(index++, elementStart >= 0 ? elementLine : errorLine, elementStart >= 0 ? elementStart : errorOffset,
        reason, recording.copy(from, to), true);
  }

  private BadElement bad(long elementIndex, long line, long offset, String reason, byte[] raw, boolean endsInput) {
    return new BadElement(source, elementIndex, baseLine + line - 1, baseOffset + offset, reason, text(raw),
        endsInput);
  }

  private static String text(byte[] raw) {
    return new String(raw, StandardCharsets.UTF_8);
  }

  /** The recording buffer's size, to check that memory stays bounded. */
  int bufferCapacity() {
    return recording.capacity();
  }

  @Override
  public void close() throws IOException {
    try (recording) {
      parser.close();
    }
  }
}

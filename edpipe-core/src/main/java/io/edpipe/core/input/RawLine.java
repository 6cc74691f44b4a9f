package io.edpipe.core.input;

import static java.util.Objects.requireNonNull;

/**
 * One line of an input exactly as its bytes are, without the line end: what {@code kafkacat -P} sends, valid or
 * not.
 *
 * @param line 1-based line number
 * @param byteOffset offset of the line's first byte in the (decompressed) input
 */
public record RawLine(String source, long line, long byteOffset, byte[] bytes) {
  public RawLine {
    requireNonNull(source, "source is null");
    requireNonNull(bytes, "bytes is null");
  }

  /** "file.jsonl, line 13 (byte offset 4567)". */
  public String location() {
    return String.format("%s, line %d (byte offset %d)", source, line, byteOffset);
  }
}

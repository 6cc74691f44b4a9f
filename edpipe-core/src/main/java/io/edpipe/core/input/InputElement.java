package io.edpipe.core.input;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One element read from an input: the compact JSON of one attempt (exactly as received, whitespace between tokens
 * removed) as UTF-8 bytes, its message key ({@link AttemptKeys}), where it came from, and its position there.
 * Readers hand over the bytes they checked, so publishing sends them without decoding or encoding text again.
 */
public final class InputElement {
  private final String source;
  private final long index;
  private final long line;
  private final long byteOffset;
  private final byte[] utf8;
  private final String key;

  /**
   * An element from its text; finds its key by parsing it.
   *
   * @param source the file name, or "stdin"
   * @param index 0-based element index in the input (array element or JSON Lines line, blank lines not counted)
   * @param line 1-based line where the element starts
   * @param byteOffset offset of the element's first byte in the (decompressed) input
   * @param json the element's compact JSON text: one object
   * @throws IllegalArgumentException if {@code json} is not one JSON object
   */
  public InputElement(String source, long index, long line, long byteOffset, String json) {
    this(source, index, line, byteOffset, json.getBytes(StandardCharsets.UTF_8), AttemptKeys.keyOf(json).orElse(null));
  }

  /** An element a reader checked: {@code utf8} is valid UTF-8 of one object, {@code key} found while checking. */
  InputElement(String source, long index, long line, long byteOffset, byte[] utf8, String key) {
    this.source = requireNonNull(source, "source is null");
    this.index = index;
    this.line = line;
    this.byteOffset = byteOffset;
    this.utf8 = requireNonNull(utf8, "utf8 is null");
    this.key = key;
  }

  public String source() {
    return source;
  }

  public long index() {
    return index;
  }

  public long line() {
    return line;
  }

  public long byteOffset() {
    return byteOffset;
  }

  /** The compact JSON text. */
  public String json() {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** The compact JSON as UTF-8: the array itself, which callers must not change. */
  public byte[] utf8() {
    return utf8;
  }

  /** The keen_id, else the user_exam_id; empty when the attempt has neither. */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }

  /** "file.json, element 12 (line 13, byte offset 4567)". */
  public String location() {
    return String.format("%s, element %d (line %d, byte offset %d)", source, index, line, byteOffset);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InputElement that
        && source.equals(that.source)
        && index == that.index
        && line == that.line
        && byteOffset == that.byteOffset
        && Arrays.equals(utf8, that.utf8)
        && Objects.equals(key, that.key);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, index, line, byteOffset, Arrays.hashCode(utf8), key);
  }

  @Override
  public String toString() {
    return "InputElement[" + location() + ", key=" + key + ", json=" + json() + "]";
  }
}

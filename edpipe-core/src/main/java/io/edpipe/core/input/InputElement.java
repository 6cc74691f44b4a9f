package io.edpipe.core.input;

import static java.util.Objects.requireNonNull;

/**
 * One element read from an input: the compact JSON text of one attempt (exactly as received, whitespace between
 * tokens removed), where it came from, and its position there.
 *
 * @param source the file name, or "stdin"
 * @param index 0-based element index in the input (array element or JSON Lines line, blank lines not counted)
 * @param line 1-based line where the element starts
 * @param byteOffset offset of the element's first byte in the (decompressed) input
 * @param json the element's compact JSON text
 */
public record InputElement(String source, long index, long line, long byteOffset, String json) {
  public InputElement {
    requireNonNull(source, "source is null");
    requireNonNull(json, "json is null");
  }

  /** "file.json, element 12 (line 13, byte offset 4567)". */
  public String location() {
    return String.format("%s, element %d (line %d, byte offset %d)", source, index, line, byteOffset);
  }
}

package io.edpipe.core.input;

import static java.util.Objects.requireNonNull;

/**
 * An element that cannot be used: not JSON, truncated, not an object, not UTF-8, or refused by a later stage
 * (too large for the topic, for example).
 *
 * @param source the file name, or "stdin"
 * @param index 0-based element index, as in {@link InputElement#index()}
 * @param line 1-based line where the element starts (where the error is, if the element never started)
 * @param byteOffset offset of the element's first byte in the (decompressed) input
 * @param reason what is wrong, for people
 * @param rawText the element's text as far as it could be read (invalid UTF-8 replaced), possibly empty
 * @param endsInput whether reading cannot go on after this element (a syntax error inside a JSON array)
 */
public record BadElement(
    String source, long index, long line, long byteOffset, String reason, String rawText, boolean endsInput)
    implements ReadResult {
  public BadElement {
    requireNonNull(source, "source is null");
    requireNonNull(reason, "reason is null");
    requireNonNull(rawText, "rawText is null");
  }

  /** A good element refused by a later stage; reading can go on. */
  public static BadElement refused(InputElement element, String reason) {
    requireNonNull(element, "element is null");
    return new BadElement(
        element.source(), element.index(), element.line(), element.byteOffset(), reason, element.json(), false);
  }

  @Override
  public String location() {
    return String.format("%s, element %d (line %d, byte offset %d)", source, index, line, byteOffset);
  }
}

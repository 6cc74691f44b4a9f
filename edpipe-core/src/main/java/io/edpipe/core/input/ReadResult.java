package io.edpipe.core.input;

import static java.util.Objects.requireNonNull;

/** One step of reading an input: a usable element, or a bad one with its location and the reason. */
public sealed interface ReadResult permits ReadResult.Good, BadElement {
  /** "file.json, element 12 (line 13, byte offset 4567)". */
  String location();

  /** An element that is a well-formed JSON object. */
  record Good(InputElement element) implements ReadResult {
    public Good {
      requireNonNull(element, "element is null");
    }

    @Override
    public String location() {
      return element.location();
    }
  }
}

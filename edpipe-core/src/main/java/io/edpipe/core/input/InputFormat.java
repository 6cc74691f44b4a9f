package io.edpipe.core.input;

/** How the attempts are laid out in an input, detected from its first non-whitespace byte. */
public enum InputFormat {
  /** One JSON array whose elements are the attempts ({@code [}). */
  JSON_ARRAY,
  /** One attempt object per line ({@code {}). */
  JSON_LINES
}

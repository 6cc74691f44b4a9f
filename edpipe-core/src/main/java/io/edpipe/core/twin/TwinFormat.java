package io.edpipe.core.twin;

/** How the twin's records are laid out in the output stream. */
public enum TwinFormat {
  /**
   * One JSON array, like the published file: {@code "[\n"}, the records separated by {@code ",\n"}, then
   * {@code "\n]\n"}; one record per line, so line tools and the array readers both work on it.
   */
  ARRAY,
  /** JSON Lines: each record on its own line, terminated by {@code "\n"}. */
  JSONL
}

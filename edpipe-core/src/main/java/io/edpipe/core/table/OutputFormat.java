package io.edpipe.core.table;

/** How results are printed. */
public enum OutputFormat {
  TABLE,
  JSON,
  CSV
}

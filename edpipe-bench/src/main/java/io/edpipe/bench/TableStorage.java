package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

/** A landed table's current data files (Iceberg's metadata not counted). */
public record TableStorage(String table, long files, long rows, long bytes) {
  public TableStorage {
    requireNonNull(table, "table is null");
  }

  static TableStorage of(TaggedLine line) {
    return new TableStorage(line.name(), line.longValue("files"), line.longValue("rows"), line.longValue("bytes"));
  }
}

package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;

/**
 * What one landing task wrote: its data files per table (not committed yet), the rows in them, the file of its
 * keepers' keys (null when it kept none) with the sorted xxhash64 of those keen_ids, and the offsets it read per
 * partition.
 */
record TaskResult(
    Map<LakeTable, List<DataFile>> files,
    Map<LakeTable, Long> rows,
    String keysFile,
    long[] keeperHashes,
    Map<Integer, Span> spans)
    implements Serializable {
  TaskResult {
    files = Map.copyOf(requireNonNull(files, "files is null"));
    rows = Map.copyOf(requireNonNull(rows, "rows is null"));
    spans = Map.copyOf(requireNonNull(spans, "spans is null"));
    requireNonNull(keeperHashes, "keeperHashes is null");
  }

  Set<Integer> partitions() {
    return spans.keySet();
  }

  /** The offsets a task read of one partition: the first, the last, and how many messages. */
  record Span(long first, long last, long messages) implements Serializable {
    Span plus(long offset) {
      return new Span(Math.min(first, offset), Math.max(last, offset), messages + 1);
    }
  }
}

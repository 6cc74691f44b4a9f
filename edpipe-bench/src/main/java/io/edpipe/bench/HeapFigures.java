package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

/** The publish of a large JSON array file within a small heap: the file, the publish, and its GC log. */
public record HeapFigures(long fileBytes, String heap, Measurement publish, GcLogSummary gc) {
  public HeapFigures {
    requireNonNull(heap, "heap is null");
    requireNonNull(publish, "publish is null");
    requireNonNull(gc, "gc is null");
  }
}

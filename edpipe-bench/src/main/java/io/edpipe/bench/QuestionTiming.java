package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

/** One business question, warm, best of the runs, on both engines; and whether they gave the same answer. */
public record QuestionTiming(String id, double sparkSeconds, double duckdbSeconds, boolean sameAnswer) {
  public QuestionTiming {
    requireNonNull(id, "id is null");
  }

  static QuestionTiming of(TaggedLine line) {
    return new QuestionTiming(
        line.name(),
        line.doubleValue("spark_seconds"),
        line.doubleValue("duckdb_seconds"),
        Boolean.parseBoolean(line.text("same")));
  }
}

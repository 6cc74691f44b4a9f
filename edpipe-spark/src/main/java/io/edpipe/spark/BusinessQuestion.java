package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

/**
 * One business question as data: what {@link BusinessQuestions#answers} runs, and what other engines can run on
 * the same tables (the benchmark runs it on DuckDB). The SQL reads the landed tables by their short names and the
 * view {@code attempt_messages} ({@link BusinessQuestions#ATTEMPT_MESSAGES_SQL}), and uses Spark's {@code
 * string(x)}.
 *
 * @param note which rows count, or null
 */
public record BusinessQuestion(String id, String title, String note, String sql, Shape shape) {
  /** Whether the answer is one value or a table. */
  public enum Shape {
    SCALAR,
    TABLE
  }

  public BusinessQuestion {
    requireNonNull(id, "id is null");
    requireNonNull(title, "title is null");
    requireNonNull(sql, "sql is null");
    requireNonNull(shape, "shape is null");
  }
}

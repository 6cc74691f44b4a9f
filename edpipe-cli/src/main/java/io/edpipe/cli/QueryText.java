package io.edpipe.cli;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A query and how many rows of its result to print: what {@code query} and {@code sql} take alike. */
public final class QueryText {
  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000", description = "At most N rows (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Parameters(paramLabel = "SQL", description = "The query.")
  String sql;

  public String sql() {
    return sql;
  }

  public int maxRows() {
    if (maxRows < 1) {
      throw new PipelineException(ErrorCode.BAD_USAGE, "Invalid value %d for --max-rows: must be >= 1", maxRows);
    }
    return maxRows;
  }

  /** The first line of an error about a query: Spark's messages go on with the query plan after it. */
  static String firstLine(String message) {
    if (message == null) {
      return "the query failed";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

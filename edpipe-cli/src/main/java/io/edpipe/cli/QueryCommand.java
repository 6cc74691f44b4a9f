package io.edpipe.cli;

import io.edpipe.cli.stack.StackSession;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import io.edpipe.core.table.ResultTable;
import io.edpipe.core.table.ResultWriter;
import io.edpipe.spark.BusinessQuestions;
import io.edpipe.spark.IcebergLander;
import io.edpipe.spark.ItemStatistics;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Spark SQL on the landed tables (attempts, questions, options, duplicates, quarantine) and the item"
          + " analysis views (exam_stats, item_stats, option_stats).",
      "Example: edpipe query \"SELECT exam_name, count(*) FROM attempts GROUP BY 1 ORDER BY 2 DESC LIMIT 5\""
    })
final class QueryCommand implements Callable<Integer> {
  @Mixin StackOptions stack;
  @Mixin FormatOption format;
  @Spec CommandSpec spec;

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000", description = "At most N rows (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Parameters(paramLabel = "SQL", description = "The query.")
  String sql;

  @Override
  public Integer call() {
    if (maxRows < 1) {
      throw new PipelineException(ErrorCode.BAD_USAGE, "Invalid value %d for --max-rows: must be >= 1", maxRows);
    }
    try (StackSession session = StackSession.open(stack.settings(), EnumSet.of(StackSession.Need.LAKE))) {
      SparkSession spark = session.spark("edpipe-query");
      IcebergLander.createTables(spark);
      new ItemStatistics(spark).registerViews();
      ResultTable table;
      try {
        Dataset<Row> result = spark.sql(sql);
        table = BusinessQuestions.toTable("result", "Result", null, result.limit(maxRows));
      } catch (Exception e) { // Scala declares none; AnalysisException is checked
        // What is wrong with a query (syntax, unknown column, division by zero...) comes with an error class.
        if (e instanceof SparkThrowable error && error.getCondition() != null) {
          throw new PipelineException(ErrorCode.BAD_USAGE, e, "Cannot run the query: %s", firstLine(e.getMessage()));
        }
        throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
      }
      new ResultWriter(format.format()).write(List.of(table), spec.commandLine().getOut());
    }
    return 0;
  }

  /** Spark's message goes on with the query plan after the first line. */
  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

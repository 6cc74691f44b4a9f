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

  @Mixin QueryText query;

  @Override
  public Integer call() {
    int maxRows = query.maxRows();
    try (StackSession session = StackSession.open(stack.settings(), EnumSet.of(StackSession.Need.LAKE))) {
      SparkSession spark = session.spark("edpipe-query");
      IcebergLander.createTables(spark);
      new ItemStatistics(spark).registerViews();
      ResultTable table;
      try {
        Dataset<Row> result = spark.sql(query.sql());
        table = BusinessQuestions.toTable("result", "Result", null, result.limit(maxRows));
      } catch (Exception e) { // Scala declares none; AnalysisException is checked
        // What is wrong with a query (syntax, unknown column, division by zero...) comes with an error class.
        if (e instanceof SparkThrowable error && error.getCondition() != null) {
          throw new PipelineException(ErrorCode.BAD_USAGE, e, "Cannot run the query: %s", QueryText.firstLine(e.getMessage()));
        }
        throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
      }
      new ResultWriter(format.format()).write(List.of(table), spec.commandLine().getOut());
    }
    return 0;
  }
}

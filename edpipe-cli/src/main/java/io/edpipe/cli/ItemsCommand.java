package io.edpipe.cli;

import io.edpipe.cli.stack.StackSession;
import io.edpipe.core.items.Scoring;
import io.edpipe.core.table.OutputFormat;
import io.edpipe.core.table.ResultTable;
import io.edpipe.core.table.ResultWriter;
import io.edpipe.spark.BusinessQuestions;
import io.edpipe.spark.IcebergLander;
import io.edpipe.spark.ItemStatistics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "items",
    mixinStandardHelpOptions = true,
    description = {
      "Item analysis (classical test theory, Moodle's quiz statistics) of the landed attempts: per exam, per "
          + "question and per option. The same numbers are in the SQL views exam_stats, item_stats and option_stats.",
      "Example: edpipe items --exam 'Learning Git' --scoring partial"
    })
final class ItemsCommand implements Callable<Integer> {
  private static final int TABLE_DECIMALS = 3;

  @Mixin StackOptions stack;
  @Mixin FormatOption format;
  @Spec CommandSpec spec;

  @Option(names = "--exam", paramLabel = "NAME", description = "One exam (default: every exam).")
  String exam;

  @Option(
      names = "--scoring",
      paramLabel = "SCORING",
      defaultValue = "dichotomous",
      description =
          "dichotomous (1 if user_correct, else 0) or partial (max(0, (checked right - checked wrong) / right"
              + " options)) (default: ${DEFAULT-VALUE}).")
  Scoring scoring;

  @Option(
      names = "--stats",
      paramLabel = "WHAT",
      split = ",",
      description =
          "Which statistics: exams, questions, options (comma-separated). Default: exams and questions as a table;"
              + " questions alone in csv and json.")
  List<Level> levels;

  /** The three levels of statistics. */
  enum Level {
    EXAMS,
    QUESTIONS,
    OPTIONS
  }

  @Override
  public Integer call() {
    Set<Level> chosen = chosenLevels();
    try (StackSession session = StackSession.open(stack.settings(), EnumSet.of(StackSession.Need.LAKE))) {
      SparkSession spark = session.spark("edpipe-items");
      IcebergLander.createTables(spark);
      if (exam != null) {
        new ItemStatistics(spark).requireExam(exam);
      }
      Dataset<Row> analysis = new ItemStatistics(spark).analysis(List.of(scoring), exam).cache();
      try {
        List<ResultTable> tables = new ArrayList<>();
        if (chosen.contains(Level.EXAMS)) {
          tables.add(
              table(
                  "exam_stats",
                  "Exams (" + scoring.id() + " scoring)",
                  "mean, median, sd: total score X in marks (1 per question); cic, error_ratio in percent",
                  ItemStatistics.exams(analysis).orderBy("exam_name")));
        }
        if (chosen.contains(Level.QUESTIONS)) {
          tables.add(
              table(
                  "item_stats",
                  "Questions (" + scoring.id() + " scoring)",
                  "facility 0-1; discrimination_index, discriminative_efficiency, effective_weight in percent",
                  ItemStatistics.items(analysis).orderBy("exam_name", "question_id")));
        }
        if (chosen.contains(Level.OPTIONS)) {
          tables.add(
              table(
                  "option_stats",
                  "Options (" + scoring.id() + " scoring)",
                  "point_biserial: correlation of ticking the option with the total score X",
                  ItemStatistics.options(analysis).orderBy("exam_name", "question_id", "option_id")));
        }
        new ResultWriter(format.format()).write(tables, spec.commandLine().getOut());
      } finally {
        analysis.unpersist();
      }
    }
    return 0;
  }

  private Set<Level> chosenLevels() {
    if (levels != null && !levels.isEmpty()) {
      return EnumSet.copyOf(levels);
    }
    return format.format() == OutputFormat.TABLE ? EnumSet.of(Level.EXAMS, Level.QUESTIONS) : EnumSet.of(Level.QUESTIONS);
  }

  private ResultTable table(String id, String title, String note, Dataset<Row> rows) {
    ResultTable table = BusinessQuestions.toTable(id, title, note, rows);
    return format.format() == OutputFormat.TABLE ? rounded(table) : table;
  }

  /** For people: three decimals. JSON and CSV keep every digit. */
  private static ResultTable rounded(ResultTable table) {
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> row : table.rows()) {
      List<Object> values = new ArrayList<>();
      for (Object value : row) {
        values.add(
            value instanceof Double number && Double.isFinite(number)
                ? BigDecimal.valueOf(number).setScale(TABLE_DECIMALS, RoundingMode.HALF_UP).doubleValue()
                : value);
      }
      rows.add(values);
    }
    return new ResultTable(table.id(), table.title(), table.note(), table.columns(), rows);
  }
}

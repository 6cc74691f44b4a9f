package io.edpipe.bench;

import io.edpipe.cli.stack.StackHome;
import io.edpipe.cli.stack.StackSession;
import io.edpipe.cli.stack.StackSettings;
import io.edpipe.core.table.ResultTable;
import io.edpipe.spark.BusinessQuestion;
import io.edpipe.spark.BusinessQuestions;
import io.edpipe.spark.IcebergLander;
import io.edpipe.spark.LakeConfig;
import io.edpipe.spark.LakeTable;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A bench child: the business questions on the landed tables, warm, with edpipe's Spark session (as {@code edpipe
 * answers --home} makes it, with the view {@code attempt_messages} cached as {@code answers} caches it) and then
 * with DuckDB over copies of the same data files. Each question runs once to warm up, then {@code --runs} times;
 * the best time counts. Prints, per table, {@code TABLE <name> files=N bytes=B rows=R} (its current data files),
 * per question {@code QUESTION <id> spark_seconds=S duckdb_seconds=S same=B}, and {@code WARNING ...} when the
 * engines' answers differ.
 */
@Command(name = "query-bench", mixinStandardHelpOptions = true, description = "Times the business questions on Spark and DuckDB.")
public final class QueryBench implements Callable<Integer> {
  @Option(names = "--home", required = true, paramLabel = "DIR", description = "The running stack's home.")
  Path home;

  @Option(names = "--exam", defaultValue = BusinessQuestions.DEFAULT_EXAM, description = "(default: ${DEFAULT-VALUE}).")
  String exam;

  @Option(names = "--copy-to", required = true, paramLabel = "DIR", description = "Where the data files are copied, a folder per table.")
  Path copyTo;

  @Option(names = "--threads", required = true, paramLabel = "N", description = "DuckDB's threads.")
  int threads;

  @Option(names = "--spark-master", defaultValue = "local[*]", description = "(default: ${DEFAULT-VALUE}, as edpipe query).")
  String sparkMaster;

  @Option(names = "--runs", defaultValue = "3", description = "Timed runs per question; the best counts (default: ${DEFAULT-VALUE}).")
  int runs;

  public static void main(String[] args) {
    System.exit(new CommandLine(new QueryBench()).execute(args));
  }

  @Override
  public Integer call() {
    if (runs < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this), "Invalid value " + runs + " for --runs: must be >= 1");
    }
    List<BusinessQuestion> questions = BusinessQuestions.questions(exam);
    Map<String, ResultTable> sparkAnswers = new LinkedHashMap<>();
    Map<String, Double> sparkSeconds = new LinkedHashMap<>();
    Map<String, Path> folders = new LinkedHashMap<>();
    Map<String, StructType> schemas = new LinkedHashMap<>();
    StackSettings settings = new StackSettings(new StackHome(home), Optional.empty(), Optional.empty(), Optional.of(sparkMaster), Map.of(), Optional.empty());
    try (StackSession session = StackSession.open(settings, EnumSet.of(StackSession.Need.LAKE))) {
      SparkSession spark = session.spark("edpipe-bench-query");
      IcebergLander.createTables(spark);
      BusinessQuestions answering = new BusinessQuestions(spark).prepare(); // as answers does: the view, cached
      answering.answers(exam); // warms up: every question once
      for (BusinessQuestion question : questions) {
        sparkSeconds.put(question.id(), bestOf(() -> sparkAnswers.put(question.id(), answering.answer(question))));
      }
      answering.release();
      for (LakeTable table : LakeTable.values()) {
        LakeFiles.TableFiles files = LakeFiles.of(spark, table);
        if (files.deleteFiles() > 0) {
          System.out.printf(
              "WARNING table %s has %d delete files: DuckDB reads its data files without them%n",
              table.tableName(), files.deleteFiles());
        }
        Path folder = copyTo.resolve(table.tableName());
        LakeFiles.copy(spark, files, folder);
        folders.put(table.tableName(), files.files().isEmpty() ? null : folder);
        schemas.put(table.tableName(), spark.table(LakeConfig.qualified(table)).schema());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("files", files.files().size());
        values.put("bytes", files.bytes());
        values.put("rows", files.rows());
        System.out.println(TaggedLine.format("TABLE", table.tableName(), values));
      }
    } // Spark stops before DuckDB runs
    try (DuckDbSession session = DuckDbSession.open(threads, "4GB", copyTo.resolve("spill"))) {
      DuckDbQuestions duckdb = DuckDbQuestions.on(session, folders, schemas);
      questions.forEach(duckdb::answer); // warm-up
      for (BusinessQuestion question : questions) {
        Map<String, List<List<Object>>> rows = new LinkedHashMap<>();
        double duckdbSeconds = bestOf(() -> rows.put(question.id(), duckdb.answer(question)));
        Optional<String> difference = AnswerComparison.difference(sparkAnswers.get(question.id()).rows(), rows.get(question.id()));
        difference.ifPresent(text -> System.out.printf("WARNING question %s: Spark and DuckDB differ: %s%n", question.id(), text));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("spark_seconds", sparkSeconds.get(question.id()));
        values.put("duckdb_seconds", duckdbSeconds);
        values.put("same", difference.isEmpty());
        System.out.println(TaggedLine.format("QUESTION", question.id(), values));
      }
    }
    return 0;
  }

  private double bestOf(Supplier<?> run) {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      run.get();
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
    }
    return best;
  }
}

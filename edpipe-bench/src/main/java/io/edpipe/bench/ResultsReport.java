package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One run as a Markdown section: what bench/run prints and appends to RESULTS.md. */
public final class ResultsReport {
  static final double QUESTION_TARGET_SECONDS = 1.0;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Where the section goes: RESULTS.md holds the RATIOS line; the console prints it apart, last. */
  private enum Form {
    RESULTS_FILE,
    CONSOLE
  }

  private final BenchResults results;
  private final StringBuilder text = new StringBuilder();

  private ResultsReport(BenchResults results) {
    this.results = requireNonNull(results, "results is null");
  }

  /** The section for RESULTS.md, from its heading to the RATIOS line (in a code block). */
  public static String section(BenchResults results) {
    return new ResultsReport(results).render(Form.RESULTS_FILE);
  }

  /** The section without the RATIOS line: what bench/run prints before it, as its last line. */
  public static String body(BenchResults results) {
    return new ResultsReport(results).render(Form.CONSOLE);
  }

  private String render(Form form) {
    MachineDescription machine = results.machine();
    line("## %s: %s events, commit %s", DATE.format(machine.date()), count(results.events()), machine.commit());
    line("");
    line("Machine: %s.", machine.summary());
    line("");
    line(
        "Run: `bench/run --events %d`, %.1f min wall time. Every engine in a child JVM of its own with %s; Spark"
            + " local[%d]; DuckDB %d threads, memory_limit 4GB. Times are what each engine measured of its own work"
            + " (JVM and Spark start-up excluded).",
        results.events(), results.wall().toMillis() / 60_000.0, BenchConfig.HEAP, results.cores(), results.cores());
    line("");
    figures();
    storage();
    questions();
    targets();
    if (!results.warnings().isEmpty()) {
      line("Warnings:");
      line("");
      results.warnings().forEach(warning -> line("- %s", warning));
      line("");
    }
    if (form == Form.RESULTS_FILE) {
      line("```");
      line("%s", results.ratios().line());
      line("```");
    }
    return text.toString();
  }

  private void figures() {
    line("| step | engine | messages | seconds | messages/s | bytes | how |");
    line("|---|---|---:|---:|---:|---:|---|");
    row("publish", results.publish(), "edpipe publish: keyed by keen_id; acks=all, idempotent, lz4, batch 256 KB, linger 20 ms;"
        + " best of " + BenchRun.PUBLISH_ROUNDS + " rounds in turn with ProducerPerformance");
    row("publish", results.producerPerformance(),
        "Kafka's ProducerPerformance, same producer settings; payloads drawn at random from the first "
            + count(results.payloads()) + " events, unkeyed; best of " + BenchRun.PUBLISH_ROUNDS + " rounds");
    row("land", results.land(), "edpipe land, " + local(results.cores()) + ": Kafka -> 5 Iceberg tables, committed; bytes: landed data files");
    row("land", results.sparkBest(), "Spark best plan, " + local(results.cores()) + ": from_json once, cached, 3 Parquet writes (zstd)");
    row("land", results.sparkNaive(), "Spark naive plan, " + local(results.cores()) + ": explode(from_json) per table, topic read 3 times");
    row("land", results.duckdb(), "DuckDB: read_json (explicit columns) -> temp table -> 3 COPY to Parquet (zstd); from the JSON Lines file");
    row("land", results.landOneCore(), String.format(Locale.ROOT,
        "edpipe land, local[1], fresh warehouse: %s -> %s = %.2fx", local(1), local(results.cores()), results.scaling()));
    line("| query | %s | %d questions | %.3f | | | warm, best of 3, sum over the questions; slowest: %s |",
        "edpipe (Spark SQL)", results.questions().size(), results.sparkQuerySeconds(),
        results.slowestSparkQuestion().map(q -> String.format(Locale.ROOT, "%s %.3f s", q.id(), q.sparkSeconds())).orElse("-"));
    line("| query | %s | %d questions | %.3f | | | the same SQL on copies of the same data files |",
        "DuckDB", results.questions().size(), results.duckdbQuerySeconds());
    results.heap().ifPresent(heap -> row("heap", heap.publish(), String.format(Locale.ROOT,
        "edpipe publish of a %.2f GB JSON array with %s: largest heap after a GC (live set) %.0f MB, before %.0f MB, %d GC pauses",
        heap.fileBytes() / 1e9, heap.heap(), heap.gc().maxAfterBytes() / 1e6, heap.gc().maxBeforeBytes() / 1e6, heap.gc().pauses())));
    if (results.heap().isEmpty()) {
      line("| heap | edpipe publish | | | | | skipped (--heap-file-gb 0) |");
    }
    line("");
  }

  private void storage() {
    line("| table | files | rows | bytes |");
    line("|---|---:|---:|---:|");
    for (TableStorage table : results.tables()) {
      line("| %s | %d | %s | %s |", table.table(), table.files(), count(table.rows()), megabytes(table.bytes()));
    }
    line("| landed, all five tables | | | %s |", megabytes(results.landedBytes()));
    line("| raw JSON (the events' bytes, without line ends) | | %s | %s |", count(results.events()), megabytes(results.rawJsonBytes()));
    line("| Spark best plan (attempts, questions, options) | | | %s |", megabytes(results.sparkBest().bytes()));
    line("| DuckDB (attempts, questions, options) | | | %s |", megabytes(results.duckdb().bytes()));
    line("");
  }

  private void questions() {
    line("| question | edpipe (Spark) s | DuckDB s | Spark / DuckDB | same answer |");
    line("|---|---:|---:|---:|---|");
    for (QuestionTiming question : results.questions()) {
      line("| %s | %.3f | %.3f | %.1f | %s |", question.id(), question.sparkSeconds(), question.duckdbSeconds(),
          Ratios.ratio(question.sparkSeconds(), question.duckdbSeconds()), question.sameAnswer() ? "yes" : "NO");
    }
    line("");
  }

  private void targets() {
    Ratios ratios = results.ratios();
    line("| figure | value | target | met |");
    line("|---|---:|---|---|");
    target("publish_vs_producer_perf", ratios.publishVsProducerPerf(), ">= 0.8", ratios.publishVsProducerPerf() >= 0.8);
    target("land_vs_spark_best", ratios.landVsSparkBest(), ">= 2.0", ratios.landVsSparkBest() >= 2.0);
    target("land_vs_duckdb", ratios.landVsDuckdb(), ">= 1.2", ratios.landVsDuckdb() >= 1.2);
    target("query_vs_duckdb", ratios.queryVsDuckdb(), "<= 10", ratios.queryVsDuckdb() <= 10);
    double slowest = results.slowestSparkQuestion().map(QuestionTiming::sparkSeconds).orElse(0.0);
    target("slowest question (s)", slowest, "<= 1 s each", slowest <= QUESTION_TARGET_SECONDS);
    target("storage_vs_json", ratios.storageVsJson(), "<= 0.30", ratios.storageVsJson() <= 0.30);
    target("landing local[1] -> local[" + results.cores() + "]", results.scaling(), ">= 1.8", results.scaling() >= 1.8);
    results.heap().ifPresentOrElse(
        heap -> line("| publish of a %.2f GB array in %s | exit 0 | 5 GB within 512 MB | %s |",
            heap.fileBytes() / 1e9, heap.heap(), heap.fileBytes() >= 5e9 ? "yes" : "not at 5 GB: a smaller file"),
        () -> line("| publish of a 5 GB array in 512 MB | skipped | 5 GB within 512 MB | - |"));
    line("");
  }

  private void target(String figure, double value, String target, boolean met) {
    line("| %s | %.2f | %s | %s |", figure, value, target, met ? "yes" : "no");
  }

  private void row(String step, Measurement measurement, String how) {
    line("| %s | %s | %s | %.1f | %s | %s | %s |",
        step, measurement.engine(), count(measurement.messages()), measurement.seconds(),
        count(Math.round(measurement.messagesPerSecond())), measurement.hasBytes() ? megabytes(measurement.bytes()) : "", how);
  }

  private void line(String format, Object... args) {
    text.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String megabytes(long bytes) {
    return bytes < 0 ? "" : String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
  }

  private static String local(int cores) {
    return "local[" + cores + "]";
  }
}

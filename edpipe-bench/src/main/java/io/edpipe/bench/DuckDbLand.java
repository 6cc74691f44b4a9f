package io.edpipe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A bench child: DuckDB's best plan for the same three tables, from the same events in a JSON Lines file:
 * {@code read_json} with the explicit schema into a temporary table (parsed once), then three {@code COPY ... TO}
 * Parquet (zstd). Prints {@code DUCKDB land messages=N seconds=S bytes=B}; the clock runs from the read to the
 * third COPY.
 */
@Command(name = "duckdb-land", mixinStandardHelpOptions = true, description = "Lands a JSON Lines file with DuckDB.")
public final class DuckDbLand implements Callable<Integer> {
  static final String ATTEMPTS =
      """
      SELECT keen_id, user_exam_id, base_exam_id, exam_name,
             CAST(started_at AS TIMESTAMPTZ) AS started_at,
             make_timestamp(CAST(CAST(keen_timestamp AS DECIMAL(20, 7)) * 1000000 AS BIGINT)) AS keen_timestamp,
             make_timestamp(CAST(CAST(keen_created_at AS DECIMAL(20, 7)) * 1000000 AS BIGINT)) AS keen_created_at,
             CAST(max_attempts AS DOUBLE) AS max_attempts,
             CAST(certification AS BOOLEAN) AS certification,
             sequences.id AS sequence_id,
             CAST(sequences.attempt AS INTEGER) AS attempt,
             CAST(len(sequences.questions) AS INTEGER) AS question_count,
             CAST(sequences.counts.correct AS INTEGER) AS correct,
             CAST(sequences.counts.incorrect AS INTEGER) AS incorrect,
             CAST(sequences.counts.unanswered AS INTEGER) AS unanswered,
             CAST(sequences.counts.incomplete AS INTEGER) AS incomplete,
             CAST(sequences.counts.submitted AS INTEGER) AS submitted,
             CAST(sequences.counts.total AS INTEGER) AS total,
             sequences.counts.all_correct AS all_correct,
             CASE WHEN sequences.counts.total > 0 THEN sequences.counts.correct / sequences.counts.total END AS score
      FROM events""";

  static final String QUESTIONS =
      """
      SELECT keen_id, user_exam_id, base_exam_id, exam_name, q.id AS question_id, CAST(position AS INTEGER) AS position,
             q.user_correct AS user_correct, q.user_incomplete AS user_incomplete,
             q.user_submitted AS user_submitted, q.user_result AS user_result,
             CAST(len(q.options) AS INTEGER) AS option_count,
             CAST(len(list_filter(q.options, lambda o: o.correct)) AS INTEGER) AS correct_options,
             CAST(len(list_filter(q.options, lambda o: o.checked)) AS INTEGER) AS checked_options,
             CAST(len(list_filter(q.options, lambda o: o.checked AND o.correct)) AS INTEGER)
               AS checked_correct_options
      FROM (SELECT keen_id, user_exam_id, base_exam_id, exam_name, unnest(sequences.questions) AS q,
                   generate_subscripts(sequences.questions, 1) AS position
            FROM events)""";

  static final String OPTIONS =
      """
      SELECT keen_id, question_id, o.id AS option_id, CAST(position AS INTEGER) AS position, o.checked AS checked,
             coalesce(o.correct, false) AS correct, coalesce(o.submitted = 1, false) AS submitted,
             CAST(struct_extract(o, 'at') AS TIMESTAMPTZ) AS "at"
      FROM (SELECT keen_id, q.id AS question_id, unnest(q.options) AS o, generate_subscripts(q.options, 1) AS position
            FROM (SELECT keen_id, unnest(sequences.questions) AS q FROM events))""";

  @Option(names = "--events", required = true, paramLabel = "FILE", description = "The events, JSON Lines.")
  Path events;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the three Parquet files go.")
  Path out;

  @Option(names = "--threads", required = true, paramLabel = "N")
  int threads;

  @Option(names = "--memory-limit", defaultValue = "4GB", description = "DuckDB's memory_limit (default: ${DEFAULT-VALUE}, as the JVMs' -Xmx).")
  String memoryLimit;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DuckDbLand()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    Files.createDirectories(out);
    try (DuckDbSession duckdb = DuckDbSession.open(threads, memoryLimit, out.resolve("spill"))) {
      duckdb.execute("SET preserve_insertion_order = false"); // row order is no part of the tables
      long start = System.nanoTime();
      duckdb.execute(
          "CREATE TEMP TABLE events AS SELECT * FROM read_json('"
              + DuckDbSession.literal(events.toAbsolutePath().toString())
              + "', format = 'newline_delimited', columns = "
              + DuckDbTypes.readJsonColumns(RawEventSchema.EVENT)
              + ")");
      for (Map.Entry<String, String> table : tables().entrySet()) {
        Path file = out.resolve(table.getKey() + ".parquet");
        duckdb.execute(
            "COPY (" + table.getValue() + ") TO '" + DuckDbSession.literal(file.toAbsolutePath().toString())
                + "' (FORMAT parquet, COMPRESSION zstd)");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("messages", duckdb.count("SELECT count(*) FROM events"));
      values.put("seconds", seconds);
      values.put("bytes", bytes(tables().keySet().stream().map(name -> out.resolve(name + ".parquet")).toList()));
      System.out.println(TaggedLine.format("DUCKDB", "land", values));
    }
    return 0;
  }

  private static Map<String, String> tables() {
    Map<String, String> tables = new LinkedHashMap<>();
    tables.put("attempts", ATTEMPTS);
    tables.put("questions", QUESTIONS);
    tables.put("options", OPTIONS);
    return tables;
  }

  private static long bytes(List<Path> files) {
    long bytes = 0;
    for (Path file : files) {
      try {
        bytes += Files.size(file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot measure " + file, e);
      }
    }
    return bytes;
  }
}

package io.edpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * DuckDB's plan on the ten real records: what the three tables hold. Counted from real-sample.jsonl: 40 questions,
 * 153 options, 69 of them correct, 57 checked, 59 touched.
 */
class TestDuckDbLand {
  private static final Path SAMPLE = Path.of("../edpipe-core/src/test/resources/fixtures/real-sample.jsonl");
  /** Options with an {@code at}: the ones the user touched. */
  private static final long TOUCHED_OPTIONS = 59;

  @TempDir Path out;

  @Test
  void landsTheThreeTables() throws SQLException {
    int exit =
        new CommandLine(new DuckDbLand())
            .execute("--events", SAMPLE.toString(), "--out", out.toString(), "--threads", "1", "--memory-limit", "1GB");
    assertThat(exit).isZero();

    try (DuckDbSession duckdb = DuckDbSession.open(1, "1GB", out.resolve("spill"))) {
      assertThat(rows(duckdb, "SELECT count(*), count(DISTINCT keen_id) FROM '" + out.resolve("attempts.parquet") + "'"))
          .containsExactly(List.of(10L, 10L));
      assertThat(rows(duckdb, "SELECT count(*), sum(option_count), sum(correct_options), sum(checked_options)"
              + " FROM '" + out.resolve("questions.parquet") + "'"))
          .containsExactly(List.of(40L, BigInteger.valueOf(153), BigInteger.valueOf(69),
              BigInteger.valueOf(57)));
      assertThat(rows(duckdb, "SELECT count(*), count(\"at\"), count(*) FILTER (WHERE correct) FROM '"
              + out.resolve("options.parquet") + "'"))
          .containsExactly(List.of(153L, TOUCHED_OPTIONS, 69L));
      assertThat(rows(duckdb, "SELECT started_at, epoch_us(keen_timestamp), max_attempts, certification, question_count,"
              + " correct, total, score FROM '" + out.resolve("attempts.parquet") + "' WHERE keen_id = '5a6745820eb8ab00016be1f1'"))
          .containsExactly(
              List.of(OffsetDateTime.parse("2018-01-23T14:23:19.082Z"), 1516717442735266L, 1.0, false, 4, 2, 4, 0.5));
      assertThat(rows(duckdb, "SELECT position, question_id, user_result FROM '" + out.resolve("questions.parquet")
              + "' WHERE keen_id = '5a6745820eb8ab00016be1f1' ORDER BY position"))
          .extracting(row -> row.get(2))
          .containsExactly("missed_some", "incorrect", "correct", "correct");
    }
  }

  private static List<List<Object>> rows(DuckDbSession duckdb, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement statement = duckdb.connection().createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
          row.add(result.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}

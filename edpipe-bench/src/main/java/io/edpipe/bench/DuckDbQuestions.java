package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

import io.edpipe.spark.BusinessQuestion;
import io.edpipe.spark.BusinessQuestions;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * The business questions on DuckDB, over the landed tables' Parquet files: a view per table ({@code read_parquet}
 * of its files, or no row with the table's columns when it has no file), the view {@code attempt_messages} as
 * edpipe defines it, and the macro {@code string(x)} for Spark's function of that name.
 */
final class DuckDbQuestions {
  private final DuckDbSession duckdb;

  private DuckDbQuestions(DuckDbSession duckdb) {
    this.duckdb = duckdb;
  }

  /**
   * @param tables each table's folder of Parquet files, or null when it has none
   * @param schemas each table's columns, for a table without files
   */
  static DuckDbQuestions on(DuckDbSession duckdb, Map<String, Path> tables, Map<String, StructType> schemas) {
    requireNonNull(duckdb, "duckdb is null");
    duckdb.execute("CREATE MACRO string(x) AS CAST(x AS VARCHAR)");
    schemas.forEach(
        (table, schema) -> {
          Path folder = tables.get(table);
          String select =
              folder == null
                  ? DuckDbTypes.emptySelect(schema)
                  : "SELECT * FROM read_parquet('" + DuckDbSession.literal(folder.toAbsolutePath() + "/*.parquet") + "')";
          duckdb.execute("CREATE VIEW " + DuckDbTypes.quoted(table) + " AS " + select);
        });
    duckdb.execute("CREATE VIEW attempt_messages AS " + BusinessQuestions.ATTEMPT_MESSAGES_SQL);
    return new DuckDbQuestions(duckdb);
  }

  /** The answer's rows. */
  List<List<Object>> answer(BusinessQuestion question) {
    try (Statement statement = duckdb.connection().createStatement();
        ResultSet result = statement.executeQuery(question.sql())) {
      int columns = result.getMetaData().getColumnCount();
      List<List<Object>> rows = new ArrayList<>();
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(result.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot answer " + question.id() + " on DuckDB: " + e.getMessage(), e);
    }
  }
}

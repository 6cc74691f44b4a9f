package io.edpipe.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** An in-memory DuckDB database with the bench's settings: threads, memory limit and where it spills. */
final class DuckDbSession implements AutoCloseable {
  private final Connection connection;

  private DuckDbSession(Connection connection) {
    this.connection = connection;
  }

  static DuckDbSession open(int threads, String memoryLimit, Path spillDirectory) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive: " + threads);
    }
    Connection connection;
    try {
      connection = DriverManager.getConnection("jdbc:duckdb:");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open DuckDB", e);
    }
    DuckDbSession session = new DuckDbSession(connection);
    try {
      session.execute("SET threads = " + threads);
      session.execute("SET memory_limit = '" + memoryLimit + "'");
      session.execute("SET temp_directory = '" + literal(spillDirectory.toAbsolutePath().toString()) + "'");
      session.execute("SET TimeZone = 'UTC'");
      return session;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  Connection connection() {
    return connection;
  }

  void execute(String sql) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot run on DuckDB: " + e.getMessage() + "\n" + sql, e);
    }
  }

  long count(String sql) {
    try (Statement statement = connection.createStatement();
        var result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot run on DuckDB: " + e.getMessage() + "\n" + sql, e);
    }
  }

  /** A string as the body of a SQL literal. */
  static String literal(String text) {
    return text.replace("'", "''");
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot close DuckDB", e);
    }
  }
}

package io.edpipe.serve;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.customer.Customers;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import io.edpipe.core.table.ResultTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.Dataset;
import org.apache.spark.sql.connect.SparkSession;

/**
 * A Spark Connect client for one customer: what {@code edpipe sql} runs queries with. The client classes are the
 * Connect server jar's own, so it shares edpipe's class path.
 */
public final class ConnectClient implements AutoCloseable {
  private final SparkSession session;

  private ConnectClient(SparkSession session) {
    this.session = session;
  }

  /**
   * Connects to {@code remote} ({@code sc://host:port}).
   *
   * @param token the customer's token
   * @param userId the customer's id; null to take it from the token ({@code edp.<customer>.<secret>})
   */
  public static ConnectClient connect(String remote, String token, String userId) {
    requireNonNull(remote, "remote is null");
    requireNonNull(token, "token is null");
    String user = userId != null ? userId : customerOf(token);
    if (!remote.startsWith("sc://")) {
      throw new PipelineException(ErrorCode.BAD_USAGE, "Invalid --connect %s: must be sc://host:port", remote);
    }
    String url = remote.replaceAll("/+$", "") + "/;token=" + token + ";user_id=" + user;
    try {
      return new ConnectClient(SparkSession.builder().remote(url).create());
    } catch (RuntimeException e) {
      throw new PipelineException(ErrorCode.STACK_FAILED, e, "Cannot connect to %s: %s", remote, e.getMessage());
    }
  }

  /** The customer a token made by {@link TokenFile#add} names; the server checks it is the token's. */
  static String customerOf(String token) {
    String[] parts = token.split("\\.", 3);
    if (parts.length != 3 || !parts[0].equals("edp") || !Customers.isValid(parts[1])) {
      throw new PipelineException(
          ErrorCode.BAD_USAGE, "Cannot tell the customer from the token: give --user-id (the customer's id)");
    }
    return parts[1];
  }

  /** Runs {@code sql}; at most {@code maxRows} rows. */
  public ResultTable sql(String sql, int maxRows) {
    Dataset<Row> result = session.sql(sql);
    List<String> columns = List.of(result.columns());
    List<List<Object>> rows = new ArrayList<>();
    for (Row row : result.limit(maxRows).collectAsList()) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        values.add(row.get(i));
      }
      rows.add(values);
    }
    return new ResultTable("result", "Result", null, columns, rows);
  }

  /** The Spark Connect session, for what {@link #sql} does not cover. */
  public SparkSession session() {
    return session;
  }

  @Override
  public void close() {
    session.close();
  }
}

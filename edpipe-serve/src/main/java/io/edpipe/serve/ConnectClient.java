package io.edpipe.serve;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.customer.Customers;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import io.edpipe.core.error.Unchecked;
import io.edpipe.core.table.ResultTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.Dataset;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.connect.client.RetriesExceeded;
import org.apache.spark.sql.connect.client.RetryPolicy;
import org.apache.spark.sql.connect.client.RetryPolicy$;
import org.apache.spark.sql.connect.client.SparkConnectClient;
import scala.Option;

/**
 * A Spark Connect client for one customer: what {@code edpipe sql} runs queries with. The client classes are the
 * Connect server jar's own, so it shares edpipe's class path.
 */
public final class ConnectClient implements AutoCloseable {
  private final SparkSession session;
  private final String remote;

  private ConnectClient(SparkSession session, String remote) {
    this.session = session;
    this.remote = remote;
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
      // a few quick retries, not the default's minutes: a server that is not there is an answer for a command line
      RetryPolicy base = RetryPolicy$.MODULE$.defaultPolicy();
      @SuppressWarnings("unchecked")
      Option<Object> retries = (Option<Object>) (Option<?>) Option.apply(3);
      RetryPolicy quick =
          base.copy(
              retries, base.initialBackoff(), base.maxBackoff(), base.backoffMultiplier(), base.jitter(),
              base.minJitterThreshold(), base.canRetry(), base.name());
      SparkConnectClient client = SparkConnectClient.builder().connectionString(url).retryPolicy(quick).build();
      return new ConnectClient(SparkSession.builder().client(client).create(), remote);
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

  /**
   * Runs {@code sql}; at most {@code maxRows} rows. What the server says of the query (refused, or wrong) comes as
   * the server's exception.
   *
   * @throws PipelineException if the server cannot be reached
   */
  public ResultTable sql(String sql, int maxRows) {
    try {
      return query(sql, maxRows);
    } catch (Throwable e) { // Scala declares nothing; RetriesExceeded is a Throwable, not an Exception
      if (e instanceof RetriesExceeded) {
        throw new PipelineException(ErrorCode.STACK_FAILED, e, "Cannot reach %s: no answer after retries", remote);
      }
      throw Unchecked.thrown(e);
    }
  }

  private ResultTable query(String sql, int maxRows) {
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

  /** Releases the session on the server; a server that has gone away has released it already. */
  @Override
  public void close() {
    try {
      session.close();
    } catch (Throwable e) { // RetriesExceeded or a runtime exception: a server that went away has nothing to release
      if (e instanceof Error error) {
        throw error;
      }
    }
  }
}

package io.edpipe.serve;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import io.edpipe.spark.IcebergLander;
import io.edpipe.spark.ItemStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connect.service.SparkConnectService$;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * A Spark Connect server over the landed tables for many customers, in-process with its Spark session: each
 * client authenticates with a token of the tokens file, and its session sees the same tables by the same names
 * (attempts, questions, options, duplicates, quarantine, and the item statistics views) holding only its
 * customer's rows.
 *
 * <p>Enforced on the server: every request by {@link TenantInterceptor} and {@link RequestGate}, every query plan
 * by the session extensions ({@link TenancyExtensions}). The Spark session given to {@link #start} must have been
 * built with {@link #sparkSettings}.
 */
public final class CustomerServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CustomerServer.class);

  private final int port;

  private CustomerServer(int port) {
    this.port = port;
  }

  /**
   * The Spark settings the server's session needs, to be added to the lake's: the extensions, the Connect server's
   * address and interceptor, and no SQL on files.
   *
   * @param host the address to listen on: 127.0.0.1 unless clients come from other machines (then put TLS in front)
   * @param port 0 for any free port
   */
  public static Map<String, String> sparkSettings(String host, int port) {
    requireNonNull(host, "host is null");
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(
        "spark.sql.extensions",
        "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions," + TenancyExtensions.class.getName());
    settings.put("spark.connect.grpc.binding.address", host);
    settings.put("spark.connect.grpc.binding.port", String.valueOf(port));
    settings.put("spark.connect.grpc.interceptor.classes", TenantInterceptor.class.getName());
    settings.put("spark.sql.runSQLOnFiles", "false");
    // error details to the client, but no server stack traces
    settings.put("spark.sql.connect.serverStacktrace.enabled", "false");
    settings.put("spark.sql.pyspark.jvmStacktrace.enabled", "false");
    return settings;
  }

  /** Sets up the tables and starts serving; {@code tokens} is read again whenever it changes. */
  public static CustomerServer start(SparkSession spark, Path tokens) {
    requireNonNull(spark, "spark is null");
    Tenants.trust(spark);
    IcebergLander.createTables(spark);
    TenantInterceptor.install(new Server(TokenFile.load(tokens)));
    try {
      SparkConnectService$.MODULE$.start(spark.sparkContext());
    } catch (RuntimeException e) {
      TenantInterceptor.uninstall();
      throw new PipelineException(ErrorCode.STACK_FAILED, e, "Cannot start the Spark Connect server: %s", e.getMessage());
    }
    return new CustomerServer(SparkConnectService$.MODULE$.localPort());
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      SparkConnectService$.MODULE$.stop(Option.empty(), Option.empty());
    } finally {
      TenantInterceptor.uninstall();
    }
  }

  /** The tokens, read again when the file changes, and what a customer's new session gets. */
  private static final class Server implements TenantInterceptor.Server {
    private volatile TokenFile tokens;
    private volatile FileTime modified;

    Server(TokenFile tokens) {
      this.tokens = tokens;
      this.modified = modified(tokens.path());
    }

    @Override
    public Optional<String> customerOf(String token) {
      FileTime now = modified(tokens.path());
      if (now != null && !now.equals(modified)) {
        synchronized (this) {
          try {
            tokens = TokenFile.load(tokens.path());
            log.info("Read the tokens file {} again: {} tokens", tokens.path(), tokens.size());
          } catch (PipelineException e) {
            log.error("Keeping the tokens read before: {}", e.getMessage());
          }
          modified = now;
        }
      }
      return tokens.customerOf(token);
    }

    @Override
    public void opened(SparkSession session, String customer) {
      try {
        new ItemStatistics(session).registerViews();
      } catch (RuntimeException e) { // the tables still answer; the views are missing from this session
        log.warn("Cannot register the item statistics views for a session of {}: {}", customer, e.getMessage());
      }
    }

    private static FileTime modified(Path path) {
      try {
        return Files.getLastModifiedTime(path);
      } catch (java.io.IOException e) {
        return null;
      }
    }
  }
}

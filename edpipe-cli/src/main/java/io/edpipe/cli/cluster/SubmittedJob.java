package io.edpipe.cli.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job submitted to the local cluster's master exactly as {@code spark-submit --master spark://... --deploy-mode
 * client} does it: Spark's own {@code SparkSubmit} in a JVM of its own, on the distribution's class path (no
 * edpipe, no Iceberg: those come from the job jar), its driver there, its executors on the workers.
 */
public final class SubmittedJob {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final NodeProcess process;
  private final URI ui;

  private SubmittedJob(NodeProcess process, URI ui) {
    this.process = process;
    this.ui = ui;
  }

  /** Submits {@code job} to the Spark master of the local cluster of {@code plan} (running here or elsewhere). */
  public static SubmittedJob submit(ClusterPlan plan, SparkJob job) {
    if (plan.topology().sparkWorkers() == 0) {
      throw new IllegalStateException("the cluster has no Spark workers: " + plan.topology());
    }
    Map<String, String> conf = new TreeMap<>();
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.eventLog.enabled", "true");
    conf.put("spark.eventLog.dir", plan.sparkEvents().toUri().toString());
    conf.put("spark.eventLog.compress", "false");
    conf.put("spark.ui.port", String.valueOf(freePort()));
    conf.putAll(SparkNodes.applicationSettings(plan));
    conf.putAll(job.conf());
    List<String> arguments = new ArrayList<>(List.of("--master", SparkNodes.masterUrl(plan), "--deploy-mode", "client",
        "--name", job.name(), "--class", job.mainClass()));
    conf.forEach((key, value) -> {
      arguments.add("--conf");
      arguments.add(key + "=" + value);
    });
    arguments.add(job.jar().toAbsolutePath().toString());
    arguments.addAll(job.arguments());
    try {
      Files.createDirectories(plan.sparkEvents());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + plan.sparkEvents(), e);
    }
    JavaCommand command =
        new JavaCommand("1g", JavaCommand.APPLICATION_OPTIONS, SparkDistribution.classPath(SparkNodes.sparkHome(plan)), "org.apache.spark.deploy.SparkSubmit", arguments);
    Path log = plan.log("submit-" + job.name() + "-" + LocalDateTime.now().format(STAMP));
    return new SubmittedJob(
        NodeProcess.start(plan, "spark-submit " + job.name(), command, SparkNodes.environment(SparkNodes.sparkHome(plan)), log),
        URI.create("http://127.0.0.1:" + conf.get("spark.ui.port") + "/"));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port", e);
    }
  }

  /** The driver's web UI (and its REST API, /api/v1), while the job runs. */
  public URI ui() {
    return ui;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return process.logFile();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** Waits for the job to end; throws, with the end of its log, if it failed. */
  public void await(Duration timeout) {
    int exit = process.waitFor(timeout);
    if (exit != 0) {
      throw process.failure("failed (exit code " + exit + ")");
    }
  }

  public void kill() {
    process.kill();
  }
}

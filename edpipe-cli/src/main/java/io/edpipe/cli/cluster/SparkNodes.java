package io.edpipe.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Spark standalone cluster: a master and workers, each its own JVM running Spark's own main classes from the
 * distribution made of edpipe's jars ({@link SparkDistribution}); the workers start executors in JVMs of their
 * own.
 */
final class SparkNodes implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Each worker offers this much memory to executors: one executor of {@link #EXECUTOR_MEMORY}, room to spare. */
  private static final String WORKER_MEMORY = "1536m";
  static final String EXECUTOR_MEMORY = "1g";

  private final ClusterPlan plan;
  private final Path sparkHome;
  private NodeProcess master;
  private final Map<Integer, NodeProcess> workers = new TreeMap<>();

  private SparkNodes(ClusterPlan plan) {
    this.plan = plan;
    this.sparkHome = sparkHome(plan);
  }

  /** Makes the distribution and starts the master and workers; {@link #awaitReady()} waits for them. */
  static SparkNodes launch(ClusterPlan plan) {
    SparkNodes spark = new SparkNodes(plan);
    try {
      SparkDistribution.prepare(spark.sparkHome, System.getProperty("java.class.path"));
      spark.master =
          NodeProcess.start(plan, "Spark master",
              spark.fromDistribution(
                  "org.apache.spark.deploy.master.Master",
                  List.of("--host", "127.0.0.1", "--port", String.valueOf(plan.sparkMasterPort()), "--webui-port",
                      String.valueOf(plan.sparkMasterUiPort()))),
              spark.environment(),
              plan.log("spark-master"));
      for (int i = 1; i <= plan.topology().sparkWorkers(); i++) {
        spark.launchWorker(i);
      }
      return spark;
    } catch (RuntimeException e) {
      spark.close();
      throw e;
    }
  }

  /** Waits until the master has every worker ALIVE. */
  void awaitReady() {
    List<NodeProcess> all = new ArrayList<>(workers.values());
    all.add(master);
    int count = plan.topology().sparkWorkers();
    Await.until(count + " Spark workers", READY_TIMEOUT, all, () -> aliveWorkers() >= count);
  }

  /** {@code spark://127.0.0.1:port}. */
  String masterUrl() {
    return masterUrl(plan);
  }

  static String masterUrl(ClusterPlan plan) {
    return "spark://127.0.0.1:" + plan.sparkMasterPort();
  }

  /** The master's web UI, whose {@code /json/} tells workers, applications and executors. */
  URI masterUi() {
    return URI.create("http://127.0.0.1:" + plan.sparkMasterUiPort() + "/");
  }

  long masterPid() {
    return master.pid();
  }

  Map<Integer, Long> workerPids() {
    Map<Integer, Long> pids = new TreeMap<>();
    workers.forEach((index, node) -> pids.put(index, node.pid()));
    return pids;
  }

  /** A JVM running {@code mainClass} from the distribution, as Spark's scripts would start it. */
  private JavaCommand fromDistribution(String mainClass, List<String> arguments) {
    return new JavaCommand("512m", JavaCommand.SERVICE_OPTIONS, SparkDistribution.classPath(sparkHome), mainClass, arguments);
  }

  private Map<String, String> environment() {
    return environment(sparkHome);
  }

  /**
   * Settings of an application on this cluster: its executors' size and JVM options, and its first tasks wait (30 s
   * at most) until every worker's executor has registered, so that they spread over all workers.
   */
  static Map<String, String> applicationSettings(ClusterPlan plan) {
    return Map.of(
        "spark.executor.memory", EXECUTOR_MEMORY,
        "spark.executor.extraJavaOptions", String.join(" ", JavaCommand.APPLICATION_OPTIONS),
        "spark.scheduler.minRegisteredResourcesRatio", "1.0",
        "spark.default.parallelism", String.valueOf(plan.topology().sparkExecutorCores()));
  }

  /** The distribution of the cluster of {@code plan}. */
  static Path sparkHome(ClusterPlan plan) {
    return plan.spark().resolve("home");
  }

  /** What Spark's scripts would export for the nodes: SPARK_HOME, its Scala version, the address to bind. */
  static Map<String, String> environment(Path sparkHome) {
    return Map.of(
        "SPARK_HOME", sparkHome.toString(),
        "SPARK_SCALA_VERSION", "2.13",
        "SPARK_LOCAL_IP", "127.0.0.1",
        "SPARK_LOCAL_HOSTNAME", "127.0.0.1");
  }

  /** The workers the master has ALIVE, from its JSON status page. */
  int aliveWorkers() {
    return status().map(status -> {
      int alive = 0;
      for (JsonNode worker : status.path("workers")) {
        if ("ALIVE".equals(worker.path("state").asText())) {
          alive++;
        }
      }
      return alive;
    }).orElse(0);
  }

  /** The master's {@code /json/} page, if it answers. */
  Optional<JsonNode> status() {
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(masterUi().resolve("json/")).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private void launchWorker(int index) {
    workers.put(
        index,
        NodeProcess.start(plan, "Spark worker " + index,
            fromDistribution(
                "org.apache.spark.deploy.worker.Worker",
                List.of("--host", "127.0.0.1", "--cores", String.valueOf(Topology.CORES_PER_SPARK_WORKER), "--memory", WORKER_MEMORY,
                    "--work-dir", plan.spark().resolve("work-" + index).toString(), "--webui-port", "0", masterUrl())),
            environment(),
            plan.log("spark-worker-" + index)));
  }

  /** Stops the workers (and their executors), then the master. */
  @Override
  public void close() {
    workers.values().forEach(node -> ProcessHandle.of(node.pid()).ifPresent(ProcessHandle::destroy));
    workers.values().forEach(NodeProcess::close);
    if (master != null) {
      master.close();
    }
  }
}

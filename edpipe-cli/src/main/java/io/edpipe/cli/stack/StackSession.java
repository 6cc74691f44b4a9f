package io.edpipe.cli.stack;

import static java.util.Objects.requireNonNull;

import io.edpipe.cli.cluster.ClusterPlan;
import io.edpipe.cli.cluster.LocalCluster;
import io.edpipe.cli.cluster.Topology;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import io.edpipe.spark.LakeConfig;
import io.edpipe.spark.LakeSessions;
import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one command talks to: Kafka and the lake, each from explicit endpoints, from the home's running stack, or
 * started embedded for this command's lifetime; and, if asked for, a Spark session on the lake. Closes what it
 * started in reverse order.
 */
public final class StackSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StackSession.class);
  private static final String WAREHOUSE_PATH = "/edpipe/warehouse";
  private static final String LOCAL_MASTER = "local[*]";

  /** The parts of the stack a command uses. */
  public enum Need {
    KAFKA,
    LAKE
  }

  private final StackSettings settings;
  private EmbeddedStack embedded;
  private String bootstrapServers;
  private URI warehouse;
  private boolean embeddedWarehouse;
  private String sparkMaster;
  private Topology topology;
  private SparkSession spark;

  private StackSession(StackSettings settings) {
    this.settings = settings;
  }

  public static StackSession open(StackSettings settings, Set<Need> needs) {
    requireNonNull(settings, "settings is null");
    StackSession session = new StackSession(settings);
    try {
      session.resolve(needs.isEmpty() ? EnumSet.noneOf(Need.class) : EnumSet.copyOf(needs));
      return session;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  private void resolve(EnumSet<Need> needs) {
    Optional<Endpoints> running = Endpoints.ofRunningStack(settings.home().endpointsFile());
    running.ifPresent(
        endpoints -> log.info("Using the stack running in {} (pid {})", settings.home().directory(), endpoints.pid()));
    EnumSet<EmbeddedStack.Component> components = EnumSet.noneOf(EmbeddedStack.Component.class);
    boolean lakeEmbedded = needs.contains(Need.LAKE) && settings.warehouse().isEmpty();
    boolean kafkaEmbedded = needs.contains(Need.KAFKA) && settings.bootstrapServers().isEmpty();
    if (lakeEmbedded && running.isEmpty()) {
      components.add(EmbeddedStack.Component.HDFS);
    }
    if (kafkaEmbedded && running.isEmpty()) {
      components.add(EmbeddedStack.Component.KAFKA);
    }
    if (!components.isEmpty() || running.isPresent() || settings.topology().isPresent()) {
      topology = settings.home().topology(settings.topology());
    }
    if (!components.isEmpty()) {
      embedded = EmbeddedStack.start(settings.home(), topology, components);
      warehouse = embedded.warehouse().orElse(null);
      bootstrapServers = embedded.bootstrapServers().orElse(null);
    }
    // the home's Spark cluster goes with the home's lake, unless a master is named
    Optional<String> homeSparkMaster =
        needs.contains(Need.LAKE) && lakeEmbedded
            ? running
                .flatMap(Endpoints::sparkMasterUrl)
                .or(() -> Optional.ofNullable(embedded).flatMap(EmbeddedStack::sparkMaster))
            : Optional.empty();
    sparkMaster = settings.sparkMaster().or(() -> homeSparkMaster).orElse(LOCAL_MASTER);
    if (needs.contains(Need.LAKE)) {
      embeddedWarehouse = lakeEmbedded;
      warehouse = settings.warehouse().or(() -> running.map(Endpoints::warehouse)).orElse(warehouse);
    }
    if (needs.contains(Need.KAFKA)) {
      bootstrapServers =
          settings.bootstrapServers().or(() -> running.map(Endpoints::bootstrapServers)).orElse(bootstrapServers);
    }
  }

  /** The warehouse of a lake on the given HDFS. */
  public static URI warehouseOn(URI hdfs) {
    return URI.create(hdfs.toString() + WAREHOUSE_PATH);
  }

  public String bootstrapServers() {
    if (bootstrapServers == null) {
      throw new IllegalStateException("this command did not ask for Kafka");
    }
    return bootstrapServers;
  }

  public Map<String, String> kafkaProperties() {
    return settings.kafkaProperties();
  }

  public URI warehouse() {
    if (warehouse == null) {
      throw new IllegalStateException("this command did not ask for the lake");
    }
    return warehouse;
  }

  /** The topology of the home's stack, if this command uses it. */
  public Optional<Topology> topology() {
    return Optional.ofNullable(topology);
  }

  /** The Spark master this command's Spark work goes to. */
  public String sparkMaster() {
    return sparkMaster;
  }

  /**
   * The home's local cluster, if this command's Spark work goes to its Spark master: jobs are then submitted to it
   * as spark-submit does.
   */
  public Optional<ClusterPlan> localSparkCluster() {
    if (topology == null || topology.sparkWorkers() == 0 || settings.sparkMaster().isPresent() || !embeddedWarehouse) {
      return Optional.empty();
    }
    return Optional.of(ClusterPlans.of(settings.home(), topology));
  }

  /** The settings of the lake's HDFS clients, if the lake is the home's. */
  public Map<String, String> hdfsClientSettings() {
    if (!embeddedWarehouse) {
      return Map.of();
    }
    return topology.isEmbedded() ? EmbeddedHdfs.CLIENT_SETTINGS : LocalCluster.hdfsClientSettings(topology);
  }

  /** A Spark session on the lake, created on first use. */
  public synchronized SparkSession spark(String appName) {
    return spark(appName, Map.of());
  }

  /**
   * A Spark session on the lake with {@code extra} settings, created on first use: the first call's settings are
   * the session's.
   */
  public synchronized SparkSession spark(String appName, Map<String, String> extra) {
    if (spark == null) {
      Map<String, String> conf = new LinkedHashMap<>();
      if (sparkMaster.startsWith("local") || localSparkCluster().isPresent()) {
        conf.put("spark.driver.host", "127.0.0.1");
        conf.put("spark.driver.bindAddress", "127.0.0.1");
      }
      localSparkCluster().ifPresent(cluster -> conf.putAll(cluster.sparkApplicationSettings()));
      if (!sparkMaster.startsWith("local")) {
        // executors have Spark, not edpipe or Iceberg: the job jar brings them, as to a spark-submit job
        conf.put("spark.jars", JobJar.locate().toString());
      }
      hdfsClientSettings().forEach((key, value) -> conf.put("spark.hadoop." + key, value));
      conf.putAll(extra);
      try {
        spark = LakeSessions.create(new LakeConfig(warehouse(), sparkMaster, conf), appName);
      } catch (RuntimeException e) {
        throw new PipelineException(ErrorCode.STACK_FAILED, e, "Cannot start Spark (%s): %s", sparkMaster, e.getMessage());
      }
    }
    return spark;
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    if (spark != null) {
      try {
        spark.stop();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (embedded != null) {
      try {
        embedded.close(); // after Spark, which may still hold HDFS clients
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = new IllegalStateException("Cannot stop the embedded stack cleanly", e);
        } else {
          failure.addSuppressed(e);
        }
      }
      embedded = null;
    }
    if (failure != null) {
      throw failure;
    }
  }
}

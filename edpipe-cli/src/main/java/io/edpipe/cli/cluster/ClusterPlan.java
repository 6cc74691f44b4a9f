package io.edpipe.cli.cluster;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a local cluster keeps its state and on which ports it listens: decided once for a home and kept, because
 * Kafka's quorum and the landed tables' metadata name the addresses.
 *
 * @param directory the nodes' storage, work directories and logs
 * @param kafkaPorts each broker's clients' and controller's ports, broker i+1 at index i
 */
public record ClusterPlan(
    Path directory,
    Topology topology,
    String kafkaClusterId,
    List<KafkaPorts> kafkaPorts,
    int nameNodePort,
    int sparkMasterPort,
    int sparkMasterUiPort) {
  /** One broker's ports. */
  public record KafkaPorts(int broker, int controller) {}

  public ClusterPlan {
    directory = requireNonNull(directory, "directory is null").toAbsolutePath();
    requireNonNull(topology, "topology is null");
    requireNonNull(kafkaClusterId, "kafkaClusterId is null");
    kafkaPorts = List.copyOf(requireNonNull(kafkaPorts, "kafkaPorts is null"));
    if (kafkaPorts.size() != topology.brokers()) {
      throw new IllegalArgumentException("ports for " + kafkaPorts.size() + " brokers, not " + topology.brokers());
    }
  }

  Path logs() {
    return directory.resolve("logs");
  }

  Path log(String node) {
    return logs().resolve(node + ".log");
  }

  Path kafka() {
    return directory.resolve("kafka");
  }

  Path hdfs() {
    return directory.resolve("hdfs");
  }

  /** Spark's side: the distribution the workers run (SPARK_HOME), their work directories, the event logs. */
  Path spark() {
    return directory.resolve("spark");
  }

  /** Submits {@code job} to this cluster's Spark master, as spark-submit would (the cluster may run elsewhere). */
  public SubmittedJob submit(SparkJob job) {
    return SubmittedJob.submit(this, job);
  }

  /** Settings of a Spark application on this cluster (executor size, waiting for every worker's executor). */
  public Map<String, String> sparkApplicationSettings() {
    return SparkNodes.applicationSettings(this);
  }

  /** Where the submitted jobs' event logs go (spark.eventLog.dir). */
  public Path sparkEvents() {
    return spark().resolve("events");
  }
}

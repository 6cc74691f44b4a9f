package io.edpipe.cli.cluster;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real multi-node Kafka, HDFS and Spark on this machine, every node its own process started from edpipe's jars:
 * KRaft brokers (each also a controller of the quorum), a NameNode and DataNodes, a Spark standalone master and
 * workers. Starts HDFS, then Kafka, then Spark; closes in reverse order; a failed start stops what had started.
 */
public final class LocalCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);

  /** What can be started. */
  public enum Part {
    HDFS,
    KAFKA,
    SPARK
  }

  private final ClusterPlan plan;
  private HdfsNodes hdfs;
  private KafkaNodes kafka;
  private SparkNodes spark;
  private final Thread stopOnExit = new Thread(this::close, "edpipe-cluster-stop");

  private LocalCluster(ClusterPlan plan) {
    this.plan = plan;
  }

  public static LocalCluster start(ClusterPlan plan, Set<Part> parts) {
    requireNonNull(plan, "plan is null");
    LocalCluster cluster = new LocalCluster(plan);
    // the caller holds the home's lock: nodes of this cluster still running were left by a process killed with -9
    NodeProcess.killOrphans(plan.directory());
    // Ctrl-C or kill stops the nodes too: they are other processes, the JVM's end would not end them
    Runtime.getRuntime().addShutdownHook(cluster.stopOnExit);
    try {
      long started = System.nanoTime();
      // every engine's nodes start at once, then each is awaited: none waits for another
      if (parts.contains(Part.HDFS)) {
        cluster.hdfs = HdfsNodes.launch(plan);
      }
      if (parts.contains(Part.KAFKA)) {
        cluster.kafka = KafkaNodes.launch(plan);
      }
      if (parts.contains(Part.SPARK) && plan.topology().sparkWorkers() > 0) {
        cluster.spark = SparkNodes.launch(plan);
      }
      if (cluster.hdfs != null) {
        cluster.hdfs.awaitReady();
      }
      if (cluster.kafka != null) {
        cluster.kafka.awaitReady();
      }
      if (cluster.spark != null) {
        cluster.spark.awaitReady();
      }
      log.info("Local cluster up in {} ms: {} of {}", (System.nanoTime() - started) / 1_000_000, parts, plan.topology());
      return cluster;
    } catch (RuntimeException e) {
      try {
        cluster.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  public ClusterPlan plan() {
    return plan;
  }

  public Optional<String> bootstrapServers() {
    return Optional.ofNullable(kafka).map(KafkaNodes::bootstrapServers);
  }

  public Optional<URI> hdfsUri() {
    return Optional.ofNullable(hdfs).map(HdfsNodes::uri);
  }

  /** {@code spark://host:port} of the standalone master, if the cluster has Spark workers. */
  public Optional<String> sparkMaster() {
    return Optional.ofNullable(spark).map(SparkNodes::masterUrl);
  }

  public Optional<URI> sparkMasterUi() {
    return Optional.ofNullable(spark).map(SparkNodes::masterUi);
  }

  /** The settings of an HDFS client of this cluster. */
  public static Map<String, String> hdfsClientSettings(Topology topology) {
    return HdfsNodes.clientSettings(topology.dataNodes());
  }

  /** Every node's process id, by node name: what an operator needs to find (or stop) one. */
  public Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    if (hdfs != null) {
      pids.put("namenode", hdfs.nameNodePid());
      hdfs.dataNodePids().forEach((index, pid) -> pids.put("datanode-" + index, pid));
    }
    if (kafka != null) {
      kafka.pids().forEach((id, pid) -> pids.put("kafka-" + id, pid));
    }
    if (spark != null) {
      pids.put("spark-master", spark.masterPid());
      spark.workerPids().forEach((index, pid) -> pids.put("spark-worker-" + index, pid));
    }
    return pids;
  }

  public Path logs() {
    return plan.logs();
  }

  /** The leader broker of a partition, if it has one now. */
  public Optional<Integer> kafkaLeaderOf(String topic, int partition) {
    return kafka.leaderOf(topic, partition);
  }

  /** Kills broker {@code nodeId} (SIGKILL). */
  public void killBroker(int nodeId) {
    kafka.kill(nodeId);
  }

  public void restartBroker(int nodeId) {
    kafka.restart(nodeId);
  }

  /** Kills DataNode {@code index} (1-based, SIGKILL). */
  public void killDataNode(int index) {
    hdfs.killDataNode(index);
  }

  /** The DataNodes the NameNode counts as live. */
  public int liveDataNodes() {
    return hdfs.liveDataNodes();
  }

  @Override
  public synchronized void close() {
    if (Thread.currentThread() != stopOnExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook closes the cluster, or has
      }
    }
    RuntimeException failure = null;
    for (AutoCloseable part : new AutoCloseable[] {spark, kafka, hdfs}) {
      if (part == null) {
        continue;
      }
      try {
        part.close();
      } catch (Exception e) {
        RuntimeException wrapped = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        if (failure == null) {
          failure = wrapped;
        } else {
          failure.addSuppressed(wrapped);
        }
      }
    }
    spark = null;
    kafka = null;
    hdfs = null;
    if (failure != null) {
      throw failure;
    }
  }
}

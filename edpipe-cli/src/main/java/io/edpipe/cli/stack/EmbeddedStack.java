package io.edpipe.cli.stack;

import static java.util.Objects.requireNonNull;

import io.edpipe.cli.cluster.LocalCluster;
import io.edpipe.cli.cluster.Topology;
import io.edpipe.kafka.EmbeddedKafka;
import io.edpipe.kafka.EmbeddedKafkaConfig;
import java.net.URI;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The stack of one home, on 127.0.0.1 and the home's fixed ports, keeping its state in the home. With the embedded
 * topology: a real HDFS (NameNode + DataNode) and a real Kafka broker in KRaft mode in this JVM, Spark in local mode
 * beside them ({@link StackSession#spark}). With any other: a {@link LocalCluster}, every node its own process.
 * Closes in reverse order of start.
 */
public final class EmbeddedStack implements AutoCloseable {
  /** What can be started. */
  public enum Component {
    HDFS,
    KAFKA
  }

  private final StackHome home;
  private HomeLock lock;
  private EmbeddedHdfs hdfs;
  private EmbeddedKafka kafka;
  private LocalCluster cluster;

  private EmbeddedStack(StackHome home) {
    this.home = home;
  }

  /** Starts the components, HDFS first; on failure stops what had started and rethrows. */
  public static EmbeddedStack start(StackHome home, Topology topology, Set<Component> components) {
    requireNonNull(home, "home is null");
    requireNonNull(topology, "topology is null");
    EnumSet<Component> wanted = components.isEmpty() ? EnumSet.noneOf(Component.class) : EnumSet.copyOf(components);
    EmbeddedStack stack = new EmbeddedStack(home);
    try {
      if (!wanted.isEmpty()) {
        stack.lock = HomeLock.take(home);
      }
      if (!topology.isEmbedded()) {
        EnumSet<LocalCluster.Part> parts = EnumSet.noneOf(LocalCluster.Part.class);
        if (wanted.contains(Component.HDFS)) {
          parts.add(LocalCluster.Part.HDFS);
          parts.add(LocalCluster.Part.SPARK); // the lake's users run Spark
        }
        if (wanted.contains(Component.KAFKA)) {
          parts.add(LocalCluster.Part.KAFKA);
        }
        stack.cluster = LocalCluster.start(ClusterPlans.of(home, topology), parts);
        return stack;
      }
      StackHome.StackPorts ports = home.ports();
      if (wanted.contains(Component.HDFS)) {
        stack.hdfs = EmbeddedHdfs.start(home.hdfsDirectory(), ports.hdfsNameNode());
      }
      if (wanted.contains(Component.KAFKA)) {
        stack.kafka =
            EmbeddedKafka.start(
                EmbeddedKafkaConfig.inDirectory(home.kafkaDirectory())
                    .withPorts(ports.kafkaBroker(), ports.kafkaController()));
      }
      return stack;
    } catch (RuntimeException e) {
      try {
        stack.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  public Optional<String> bootstrapServers() {
    return cluster != null
        ? cluster.bootstrapServers()
        : Optional.ofNullable(kafka).map(EmbeddedKafka::bootstrapServers);
  }

  public Optional<URI> hdfsUri() {
    return cluster != null ? cluster.hdfsUri() : Optional.ofNullable(hdfs).map(EmbeddedHdfs::uri);
  }

  /** The local cluster's Spark master, if this stack is a cluster with Spark workers. */
  public Optional<String> sparkMaster() {
    return Optional.ofNullable(cluster).flatMap(LocalCluster::sparkMaster);
  }

  /** The local cluster, if this stack is one. */
  public Optional<LocalCluster> cluster() {
    return Optional.ofNullable(cluster);
  }

  /** The Iceberg warehouse on the embedded HDFS. */
  public Optional<URI> warehouse() {
    return hdfsUri().map(StackSession::warehouseOn);
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    if (cluster != null) {
      try {
        cluster.close();
      } catch (RuntimeException e) {
        failure = e;
      }
      cluster = null;
    }
    if (kafka != null) {
      try {
        kafka.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
      kafka = null;
    }
    if (hdfs != null) {
      try {
        hdfs.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
      hdfs = null;
    }
    if (lock != null) {
      lock.close(); // last: the components are down
      lock = null;
    }
    if (failure != null) {
      throw failure;
    }
  }
}

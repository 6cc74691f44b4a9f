package io.edpipe.cli.stack;

import static java.util.Objects.requireNonNull;

import io.edpipe.kafka.EmbeddedKafka;
import io.edpipe.kafka.EmbeddedKafkaConfig;
import java.net.URI;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded stack of one home: a real HDFS (NameNode + DataNode) and a real Kafka broker in KRaft mode, in
 * this JVM, on 127.0.0.1 and the home's fixed ports, keeping their state in the home. Spark runs in local mode
 * beside them ({@link StackSession#spark}). Closes in reverse order of start.
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

  private EmbeddedStack(StackHome home) {
    this.home = home;
  }

  /** Starts the components, HDFS first; on failure stops what had started and rethrows. */
  public static EmbeddedStack start(StackHome home, Set<Component> components) {
    requireNonNull(home, "home is null");
    EnumSet<Component> wanted = components.isEmpty() ? EnumSet.noneOf(Component.class) : EnumSet.copyOf(components);
    EmbeddedStack stack = new EmbeddedStack(home);
    try {
      if (!wanted.isEmpty()) {
        stack.lock = HomeLock.take(home);
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
    return Optional.ofNullable(kafka).map(EmbeddedKafka::bootstrapServers);
  }

  public Optional<URI> hdfsUri() {
    return Optional.ofNullable(hdfs).map(EmbeddedHdfs::uri);
  }

  /** The Iceberg warehouse on the embedded HDFS. */
  public Optional<URI> warehouse() {
    return hdfsUri().map(StackSession::warehouseOn);
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    if (kafka != null) {
      try {
        kafka.close();
      } catch (RuntimeException e) {
        failure = e;
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

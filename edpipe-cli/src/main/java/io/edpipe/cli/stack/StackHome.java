package io.edpipe.cli.stack;

import static java.util.Objects.requireNonNull;

import io.edpipe.cli.cluster.Topology;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The directory where the embedded stack keeps its state: Kafka's logs, HDFS's storage, the ports chosen on first
 * start (kept, because Iceberg's metadata names the NameNode's address), and the endpoints of a running {@code
 * edpipe up}.
 */
public record StackHome(Path directory) {
  private static final String BROKER_PORT = "kafka.broker-port";
  private static final String CONTROLLER_PORT = "kafka.controller-port";
  private static final String NAMENODE_PORT = "hdfs.namenode-port";
  private static final String TOPOLOGY = "topology";

  public StackHome {
    directory = requireNonNull(directory, "directory is null").toAbsolutePath().normalize();
  }

  public Path kafkaDirectory() {
    return directory.resolve("kafka");
  }

  public Path hdfsDirectory() {
    return directory.resolve("hdfs");
  }

  /** Where a local cluster of this home keeps its state ({@code cluster/}). */
  public Path clusterDirectory() {
    return directory.resolve("cluster");
  }

  /** The local cluster's node logs. */
  public Path clusterLogs() {
    return clusterDirectory().resolve("logs");
  }

  public Path endpointsFile() {
    return directory.resolve("endpoints.json");
  }

  public Path publishedInputsFile() {
    return directory.resolve("published-inputs.json");
  }

  private Path portsFile() {
    return directory.resolve("stack.properties");
  }

  /**
   * The topology of this home's stack: the one it was first started with ({@code asked}, or the embedded stack), and
   * then always that one, since its state (Kafka's quorum, HDFS's blocks, the tables' metadata naming HDFS's
   * address) belongs to it.
   */
  public Topology topology(Optional<Topology> asked) {
    boolean embeddedBefore = Files.isDirectory(kafkaDirectory()) || Files.isDirectory(hdfsDirectory());
    Topology kept =
        Topology.parse(
            setting(TOPOLOGY, () -> (embeddedBefore ? Topology.EMBEDDED : asked.orElse(Topology.EMBEDDED)).key()),
            portsFile().toString());
    if (asked.isPresent() && !asked.get().equals(kept)) {
      throw new PipelineException(
          ErrorCode.BAD_USAGE,
          "Cannot run %s in %s: this home's stack has %s (--brokers %d --datanodes %d --spark-workers %d), and its"
              + " data belongs to it. Give those options, or another --home for a new stack",
          asked.get(), directory, kept, kept.brokers(), kept.dataNodes(), kept.sparkWorkers());
    }
    return kept;
  }

  /** The ports this home's embedded stack listens on: chosen on first use, then the same on every start. */
  public StackPorts ports() {
    return new StackPorts(port(BROKER_PORT), port(CONTROLLER_PORT), port(NAMENODE_PORT));
  }

  /** The port kept under {@code key}: a free one on first use, then the same on every start. */
  public int port(String key) {
    String value = setting(key, kept -> String.valueOf(KeptPorts.free(kept.values())));
    try {
      int port = Integer.parseInt(value.trim());
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below with the file and key
    }
    throw new PipelineException(ErrorCode.BAD_CONFIG, "Invalid value %s for %s in %s: must be a port number",
        value, key, portsFile());
  }

  /**
   * The setting kept under {@code key} in the home's stack.properties; if there is none yet, {@code initial}'s
   * value, kept from now on.
   */
  public String setting(String key, Supplier<String> initial) {
    return setting(key, kept -> initial.get());
  }

  private synchronized String setting(String key, Function<Properties, String> initial) {
    Path file = portsFile();
    try {
      Files.createDirectories(directory);
      Properties properties = new Properties();
      if (Files.exists(file)) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          properties.load(reader);
        }
      }
      String value = properties.getProperty(key);
      if (value != null) {
        return value;
      }
      value = initial.apply(properties);
      properties.setProperty(key, value);
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        properties.store(writer, "The stack of this home (edpipe up / run): its topology and ports; keep them: "
            + "the landed tables' metadata names the HDFS address");
      }
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write " + file, e);
    }
  }

  /** Where stack.properties is, for messages. */
  public Path settingsFile() {
    return portsFile();
  }

  /** The ports of one home's stack. */
  public record StackPorts(int kafkaBroker, int kafkaController, int hdfsNameNode) {}
}

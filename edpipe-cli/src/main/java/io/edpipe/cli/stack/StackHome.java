package io.edpipe.cli.stack;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The directory where the embedded stack keeps its state: Kafka's logs, HDFS's storage, the ports chosen on first
 * start (kept, because Iceberg's metadata names the NameNode's address), and the endpoints of a running {@code
 * edpipe up}.
 */
public record StackHome(Path directory) {
  private static final String BROKER_PORT = "kafka.broker-port";
  private static final String CONTROLLER_PORT = "kafka.controller-port";
  private static final String NAMENODE_PORT = "hdfs.namenode-port";

  public StackHome {
    directory = requireNonNull(directory, "directory is null").toAbsolutePath().normalize();
  }

  public Path kafkaDirectory() {
    return directory.resolve("kafka");
  }

  public Path hdfsDirectory() {
    return directory.resolve("hdfs");
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

  /** The ports this home's stack listens on: chosen on first use, then the same on every start. */
  public synchronized StackPorts ports() {
    Path file = portsFile();
    try {
      Files.createDirectories(directory);
      Properties properties = new Properties();
      if (Files.exists(file)) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          properties.load(reader);
        }
        return new StackPorts(
            port(properties, BROKER_PORT), port(properties, CONTROLLER_PORT), port(properties, NAMENODE_PORT));
      }
      StackPorts ports = new StackPorts(freePort(), freePort(), freePort());
      properties.setProperty(BROKER_PORT, String.valueOf(ports.kafkaBroker()));
      properties.setProperty(CONTROLLER_PORT, String.valueOf(ports.kafkaController()));
      properties.setProperty(NAMENODE_PORT, String.valueOf(ports.hdfsNameNode()));
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        properties.store(writer, "Ports of the embedded stack of this home (edpipe up / run); keep them: "
            + "the landed tables' metadata names the HDFS address");
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write " + file, e);
    }
  }

  private int port(Properties properties, String key) {
    String value = properties.getProperty(key);
    try {
      int port = Integer.parseInt(requireNonNull(value, key).trim());
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException | NullPointerException e) {
      // reported below with the file and key
    }
    throw new PipelineException(ErrorCode.BAD_CONFIG, "Invalid value %s for %s in %s: must be a port number",
        value, key, portsFile());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The ports of one home's stack. */
  public record StackPorts(int kafkaBroker, int kafkaController, int hdfsNameNode) {}
}

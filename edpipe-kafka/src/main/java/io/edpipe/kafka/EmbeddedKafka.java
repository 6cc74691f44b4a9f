package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (broker and KRaft controller in one process, no ZooKeeper) running inside this JVM,
 * bound to 127.0.0.1. The log directory is formatted on first use only, so topics and messages survive a
 * restart on the same directory; pass fixed ports to keep the same address after a restart.
 *
 * <p>{@link #close()} shuts the server down and waits for it; it is safe to call twice.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

  private static final int NODE_ID = 1;
  private static final String HOST = "127.0.0.1";
  private static final String BROKER_LISTENER = "BROKER";
  private static final String INTERNAL_USER = "edpipe-broker";
  /** The broker's own password, new for each process: no client can know it. */
  private static final String INTERNAL_PASSWORD = java.util.UUID.randomUUID().toString();
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  /** What clients may authenticate with when the config has SASL users. */
  private static final List<String> SASL_MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  private final KafkaRaftServer server;
  private final Path logDirectory;
  private final String clusterId;
  private final int brokerPort;
  private final int controllerPort;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafka(
      KafkaRaftServer server, Path logDirectory, String clusterId, int brokerPort, int controllerPort) {
    this.server = requireNonNull(server, "server is null");
    this.logDirectory = requireNonNull(logDirectory, "logDirectory is null");
    this.clusterId = requireNonNull(clusterId, "clusterId is null");
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /** Formats the log directory if it is new, starts the server and waits until the broker takes requests. */
  public static EmbeddedKafka start(EmbeddedKafkaConfig config) {
    requireNonNull(config, "config is null");
    Path logDirectory = config.logDirectory().toAbsolutePath();
    int[] ports = resolvePorts(config.brokerPort(), config.controllerPort());
    String clusterId = KraftStorage.formatIfNeeded(logDirectory, NODE_ID, CONTROLLER_LISTENER, config.saslUsers());
    Map<String, String> properties = brokerProperties(config, logDirectory, ports[0], ports[1]);
    KafkaRaftServer server;
    try {
      server = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
    } catch (RuntimeException e) {
      throw new PipelineException(
          ErrorCode.BAD_CONFIG, e, "Cannot configure embedded Kafka: %s", KafkaCalls.rootMessage(e));
    }
    try {
      server.startup();
    } catch (RuntimeException e) {
      stopAfterFailure(server, e);
      throw new PipelineException(
          ErrorCode.STACK_FAILED, e, "Cannot start embedded Kafka in %s: %s", logDirectory,
          KafkaCalls.rootMessage(e));
    }
    log.info(
        "Embedded Kafka started: cluster {}, bootstrap servers {}:{}, controller port {}, log directory {}",
        clusterId, HOST, ports[0], ports[1], logDirectory);
    return new EmbeddedKafka(server, logDirectory, clusterId, ports[0], ports[1]);
  }

  /** "127.0.0.1:port", for clients' bootstrap.servers. */
  public String bootstrapServers() {
    return HOST + ":" + brokerPort;
  }

  public int brokerPort() {
    return brokerPort;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public String clusterId() {
    return clusterId;
  }

  public Path logDirectory() {
    return logDirectory;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("Stopping embedded Kafka at {}", bootstrapServers());
    server.shutdown();
    server.awaitShutdown();
    log.info("Embedded Kafka stopped");
  }

  private static Map<String, String> brokerProperties(
      EmbeddedKafkaConfig config, Path logDirectory, int brokerPort, int controllerPort) {
    Map<String, String> properties = new HashMap<>(BrokerDefaults.forNodes(1));
    properties.putAll(config.brokerProperties());

    properties.put("process.roles", "broker,controller");
    properties.put("node.id", String.valueOf(NODE_ID));
    properties.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    properties.put("controller.listener.names", CONTROLLER_LISTENER);
    properties.put(
        "listeners",
        BROKER_LISTENER + "://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
            + controllerPort);
    properties.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
    boolean sasl = !config.saslUsers().isEmpty();
    properties.put(
        "listener.security.protocol.map",
        BROKER_LISTENER + (sasl ? ":SASL_PLAINTEXT," : ":PLAINTEXT,") + CONTROLLER_LISTENER + ":PLAINTEXT");
    if (sasl) {
      // the broker talks to itself on the clients' listener, as a user of its own, with PLAIN
      StringBuilder plain =
          new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required")
              .append(" username=\"").append(INTERNAL_USER).append("\" password=\"").append(INTERNAL_PASSWORD).append('"')
              .append(" user_").append(INTERNAL_USER).append("=\"").append(INTERNAL_PASSWORD).append('"');
      config.saslUsers().forEach((user, password) -> plain.append(" user_").append(user).append("=\"").append(password).append('"'));
      String listener = "listener.name." + BROKER_LISTENER.toLowerCase(Locale.ROOT) + ".";
      properties.put("sasl.enabled.mechanisms", String.join(",", SASL_MECHANISMS));
      properties.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
      properties.put(listener + "plain.sasl.jaas.config", plain.append(';').toString());
      // SCRAM's credentials are in the cluster's metadata (written at format), not in the JAAS line
      String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
      properties.put(listener + "scram-sha-256.sasl.jaas.config", scram);
      properties.put(listener + "scram-sha-512.sasl.jaas.config", scram);
    }
    properties.put("inter.broker.listener.name", BROKER_LISTENER);
    properties.put("log.dirs", logDirectory.toString());
    properties.put("metadata.log.dir", logDirectory.toString());
    properties.put("server.max.startup.time.ms", String.valueOf(config.startupTimeout().toMillis()));
    return properties;
  }

  /**
   * The configured ports, with free ones for zeros. The controller's port must be known before startup (it is
   * in controller.quorum.voters), so free ports are found by binding both at once and releasing them.
   */
  private static int[] resolvePorts(int brokerPort, int controllerPort) {
    try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        ServerSocket second = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return new int[] {
        brokerPort != 0 ? brokerPort : first.getLocalPort(),
        controllerPort != 0 ? controllerPort : second.getLocalPort()
      };
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find free ports on " + HOST, e);
    }
  }

  private static void stopAfterFailure(KafkaRaftServer server, RuntimeException failure) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}

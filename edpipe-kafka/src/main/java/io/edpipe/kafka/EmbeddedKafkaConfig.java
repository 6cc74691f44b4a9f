package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Where and how to run the embedded single-node Kafka.
 *
 * @param logDirectory holds the broker's data and the KRaft metadata log; formatted on first use, reused after
 * @param brokerPort the clients' port on 127.0.0.1, 0 to pick a free one (pass a fixed port to keep the address
 *     across restarts)
 * @param controllerPort the KRaft controller's port on 127.0.0.1, 0 to pick a free one
 * @param startupTimeout how long startup may take
 * @param brokerProperties extra broker settings, overriding the single-node defaults (not the listeners, ports,
 *     node id or directories, which this class owns)
 * @param saslUsers users and passwords of SASL authentication on the clients' port, with PLAIN, SCRAM-SHA-256 or
 *     SCRAM-SHA-512 as each client chooses; empty for none (PLAINTEXT). As real clusters are secured, for testing
 *     clients against one. The SCRAM credentials are written when the log directory is formatted, so a restart on
 *     the same directory keeps the first start's for SCRAM (PLAIN takes the current ones).
 */
public record EmbeddedKafkaConfig(
    Path logDirectory,
    int brokerPort,
    int controllerPort,
    Duration startupTimeout,
    Map<String, String> brokerProperties,
    Map<String, String> saslUsers) {
  public static final Duration STARTUP_TIMEOUT_DEFAULT = Duration.ofMinutes(2);

  /** Settings derived from this config's fields; they cannot be overridden. */
  static final Set<String> OWNED_PROPERTIES =
      Set.of(
          "process.roles",
          "node.id",
          "listeners",
          "advertised.listeners",
          "listener.security.protocol.map",
          "inter.broker.listener.name",
          "controller.listener.names",
          "controller.quorum.voters",
          "controller.quorum.bootstrap.servers",
          "log.dirs",
          "log.dir",
          "metadata.log.dir",
          "server.max.startup.time.ms",
          "sasl.enabled.mechanisms",
          "sasl.mechanism.inter.broker.protocol");

  public EmbeddedKafkaConfig {
    requireNonNull(logDirectory, "logDirectory is null");
    checkPort(brokerPort, "brokerPort");
    checkPort(controllerPort, "controllerPort");
    if (brokerPort != 0 && brokerPort == controllerPort) {
      throw new IllegalArgumentException("brokerPort and controllerPort must differ: " + brokerPort);
    }
    requireNonNull(startupTimeout, "startupTimeout is null");
    if (startupTimeout.isNegative() || startupTimeout.isZero()) {
      throw new IllegalArgumentException("startupTimeout must be positive: " + startupTimeout);
    }
    brokerProperties = Map.copyOf(requireNonNull(brokerProperties, "brokerProperties is null"));
    saslUsers = Map.copyOf(requireNonNull(saslUsers, "saslUsers is null"));
    for (Map.Entry<String, String> user : saslUsers.entrySet()) {
      // they go into a JAAS line and kafka-storage's --add-scram argument, unquoted
      if (!user.getKey().matches("[A-Za-z0-9._-]+") || !user.getValue().matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException(
            "Invalid SASL user " + user.getKey() + ": letters, digits, . _ - only, in names and passwords");
      }
    }
    for (String key : brokerProperties.keySet()) {
      if (OWNED_PROPERTIES.contains(key) || key.startsWith("listener.name.")) {
        throw new IllegalArgumentException("Invalid broker property " + key + ": set by EmbeddedKafka");
      }
    }
  }

  /** Free ports, default timeout, no extra properties. */
  public static EmbeddedKafkaConfig inDirectory(Path logDirectory) {
    return new EmbeddedKafkaConfig(logDirectory, 0, 0, STARTUP_TIMEOUT_DEFAULT, Map.of(), Map.of());
  }

  public EmbeddedKafkaConfig withPorts(int brokerPort, int controllerPort) {
    return new EmbeddedKafkaConfig(logDirectory, brokerPort, controllerPort, startupTimeout, brokerProperties, saslUsers);
  }

  public EmbeddedKafkaConfig withStartupTimeout(Duration startupTimeout) {
    return new EmbeddedKafkaConfig(logDirectory, brokerPort, controllerPort, startupTimeout, brokerProperties, saslUsers);
  }

  public EmbeddedKafkaConfig withBrokerProperties(Map<String, String> brokerProperties) {
    return new EmbeddedKafkaConfig(logDirectory, brokerPort, controllerPort, startupTimeout, brokerProperties, saslUsers);
  }

  /**
   * Clients must authenticate as one of {@code users} (user to password), with SASL/PLAIN, SCRAM-SHA-256 or
   * SCRAM-SHA-512.
   */
  public EmbeddedKafkaConfig withSaslUsers(Map<String, String> users) {
    return new EmbeddedKafkaConfig(logDirectory, brokerPort, controllerPort, startupTimeout, brokerProperties, users);
  }

  private static void checkPort(int port, String name) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be between 0 and 65535: " + port);
    }
  }
}

package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A Kafka cluster in KRaft mode whose nodes are each broker and controller (combined mode), all voters of the
 * controller quorum, on 127.0.0.1: what each node's {@code server.properties} holds and its storage formatted for
 * the one cluster, so that each node can run as its own process ({@code kafka.Kafka server.properties}).
 */
public record KafkaQuorum(String clusterId, List<Node> nodes) {
  private static final String HOST = "127.0.0.1";
  private static final String BROKER_LISTENER = "BROKER";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  /** One node: its id, its storage, the clients' port and the controllers' port. */
  public record Node(int nodeId, Path logDirectory, int brokerPort, int controllerPort) {
    public Node {
      if (nodeId < 0) {
        throw new IllegalArgumentException("nodeId must not be negative: " + nodeId);
      }
      logDirectory = requireNonNull(logDirectory, "logDirectory is null").toAbsolutePath();
      if (brokerPort <= 0 || controllerPort <= 0 || brokerPort == controllerPort) {
        throw new IllegalArgumentException(
            "Invalid ports of node " + nodeId + ": " + brokerPort + " and " + controllerPort);
      }
    }

    public String bootstrapServer() {
      return HOST + ":" + brokerPort;
    }
  }

  public KafkaQuorum {
    requireNonNull(clusterId, "clusterId is null");
    nodes = List.copyOf(requireNonNull(nodes, "nodes is null"));
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("a quorum needs a node");
    }
    if (nodes.stream().map(Node::nodeId).collect(Collectors.toSet()).size() != nodes.size()) {
      throw new IllegalArgumentException("node ids must differ: " + nodes);
    }
    HashSet<Integer> ports = new HashSet<>();
    for (Node node : nodes) {
      if (!ports.add(node.brokerPort()) || !ports.add(node.controllerPort())) {
        throw new IllegalArgumentException("ports must differ: " + nodes);
      }
    }
  }

  /** Every node's clients' address, for bootstrap.servers. */
  public String bootstrapServers() {
    return nodes.stream().map(Node::bootstrapServer).collect(Collectors.joining(","));
  }

  public Node node(int nodeId) {
    return nodes.stream()
        .filter(node -> node.nodeId() == nodeId)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId + " in " + nodes));
  }

  /** {@code id@host:port,...}: controller.quorum.voters. */
  String voters() {
    return nodes.stream()
        .map(node -> node.nodeId() + "@" + HOST + ":" + node.controllerPort())
        .collect(Collectors.joining(","));
  }

  /** The settings of {@code node}, sorted by key. */
  public Map<String, String> serverProperties(Node node) {
    requireNonNull(node, "node is null");
    Map<String, String> properties = new TreeMap<>(BrokerDefaults.forNodes(nodes.size()));
    properties.put("process.roles", "broker,controller");
    properties.put("node.id", String.valueOf(node.nodeId()));
    properties.put("controller.quorum.voters", voters());
    properties.put("controller.listener.names", CONTROLLER_LISTENER);
    properties.put(
        "listeners",
        BROKER_LISTENER + "://" + HOST + ":" + node.brokerPort() + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
            + node.controllerPort());
    properties.put("advertised.listeners", BROKER_LISTENER + "://" + node.bootstrapServer());
    properties.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    properties.put("inter.broker.listener.name", BROKER_LISTENER);
    properties.put("log.dirs", node.logDirectory().toString());
    properties.put("metadata.log.dir", node.logDirectory().toString());
    // a broker that was killed comes back quickly, and a stopped one hands its partitions over before it goes
    properties.put("controlled.shutdown.enable", "true");
    properties.put("broker.session.timeout.ms", "9000");
    properties.put("broker.heartbeat.interval.ms", "1000");
    return properties;
  }

  /**
   * Formats {@code node}'s storage for this cluster if it is new, and writes its settings to {@code
   * server.properties} beside it.
   *
   * @return the settings file
   */
  public Path prepare(Node node) {
    String stored = KraftStorage.formatIfNeeded(node.logDirectory(), node.nodeId(), CONTROLLER_LISTENER, clusterId);
    if (!stored.equals(clusterId)) {
      throw new IllegalStateException(
          "Kafka storage " + node.logDirectory() + " is of cluster " + stored + ", not " + clusterId);
    }
    Path file = node.logDirectory().resolveSibling(node.logDirectory().getFileName() + ".properties");
    Properties properties = new Properties();
    properties.putAll(serverProperties(node));
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, "Kafka node " + node.nodeId() + " of cluster " + clusterId + " (written by edpipe)");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    return file;
  }
}

package io.edpipe.cli.cluster;

import io.edpipe.kafka.KafkaQuorum;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The brokers of a local Kafka cluster in KRaft mode: each node broker and controller, each its own JVM running
 * Kafka's own main class ({@code kafka.Kafka server.properties}) from edpipe's jars.
 */
final class KafkaNodes implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  private final KafkaQuorum quorum;
  private final ClusterPlan plan;
  private final Map<Integer, NodeProcess> nodes = new TreeMap<>();

  private KafkaNodes(KafkaQuorum quorum, ClusterPlan plan) {
    this.quorum = quorum;
    this.plan = plan;
  }

  /** Formats new nodes' storage and starts them; {@link #awaitReady()} waits for them. */
  static KafkaNodes launch(ClusterPlan plan) {
    List<KafkaQuorum.Node> members = new ArrayList<>();
    for (int i = 0; i < plan.kafkaPorts().size(); i++) {
      ClusterPlan.KafkaPorts ports = plan.kafkaPorts().get(i);
      int nodeId = i + 1;
      members.add(new KafkaQuorum.Node(nodeId, plan.kafka().resolve("node-" + nodeId), ports.broker(), ports.controller()));
    }
    KafkaNodes kafka = new KafkaNodes(new KafkaQuorum(plan.kafkaClusterId(), members), plan);
    try {
      members.forEach(member -> kafka.launch(member.nodeId()));
      return kafka;
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
  }

  /** Waits until the cluster has every broker. */
  void awaitReady() {
    awaitBrokers(quorum.nodes().size());
  }

  String bootstrapServers() {
    return quorum.bootstrapServers();
  }

  /** Broker id to process id, of the brokers running. */
  Map<Integer, Long> pids() {
    Map<Integer, Long> pids = new TreeMap<>();
    nodes.forEach((id, node) -> {
      if (node.isAlive()) {
        pids.put(id, node.pid());
      }
    });
    return pids;
  }

  /** Kills broker {@code nodeId} at once (SIGKILL): its partitions' leadership moves to the others. */
  void kill(int nodeId) {
    NodeProcess node = nodes.get(nodeId);
    if (node == null) {
      throw new IllegalArgumentException("no broker " + nodeId);
    }
    node.kill();
  }

  /** Starts broker {@code nodeId} again on its storage and waits until the cluster has every broker. */
  void restart(int nodeId) {
    if (nodes.containsKey(nodeId) && nodes.get(nodeId).isAlive()) {
      throw new IllegalStateException("broker " + nodeId + " is running");
    }
    launch(nodeId);
    awaitBrokers(quorum.nodes().size());
  }

  /** The leader of a partition, if it has one. */
  Optional<Integer> leaderOf(String topic, int partition) {
    try (Admin admin = admin()) {
      TopicPartitionInfo info =
          admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
              .filter(candidate -> candidate.partition() == partition)
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no partition " + partition + " in " + topic));
      return Optional.ofNullable(info.leader()).filter(leader -> !leader.isEmpty()).map(Node::id);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot describe " + topic + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private void launch(int nodeId) {
    KafkaQuorum.Node member = quorum.node(nodeId);
    String properties = quorum.prepare(member).toString();
    nodes.put(
        nodeId,
        NodeProcess.start(plan, "Kafka broker " + nodeId,
            JavaCommand.ofOwnClassPath("512m", "kafka.Kafka", List.of(properties)),
            Map.of(),
            plan.log("kafka-" + nodeId)));
  }

  private void awaitBrokers(int count) {
    Await.until(count + " Kafka brokers", READY_TIMEOUT, nodes.values(), () -> brokersUp() >= count);
  }

  private int brokersUp() {
    try (Admin admin = admin()) {
      return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
    } catch (ExecutionException | TimeoutException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private Admin admin() {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    return Admin.create(properties);
  }

  /** Stops every broker at once, so that none waits to hand its partitions to another that is stopping. */
  @Override
  public void close() {
    nodes.values().forEach(node -> {
      if (node.isAlive()) {
        ProcessHandle.of(node.pid()).ifPresent(ProcessHandle::destroy);
      }
    });
    nodes.values().forEach(NodeProcess::close);
  }
}

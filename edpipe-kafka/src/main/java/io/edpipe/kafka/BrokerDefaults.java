package io.edpipe.kafka;

import java.util.HashMap;
import java.util.Map;

/** The broker settings edpipe's own Kafka nodes run with, embedded or as a local multi-node cluster. */
final class BrokerDefaults {
  private BrokerDefaults() {}

  /**
   * Settings for a cluster of {@code nodes} brokers: internal topics and new topics replicated to min(3, nodes),
   * and with 3 replicas or more a write needs 2 in sync (one broker may be down; none is lost once acknowledged).
   */
  static Map<String, String> forNodes(int nodes) {
    if (nodes < 1) {
      throw new IllegalArgumentException("nodes must be positive: " + nodes);
    }
    String replicas = String.valueOf(Math.min(3, nodes));
    String minInSync = nodes >= 3 ? "2" : "1";
    Map<String, String> properties = new HashMap<>();
    properties.put("offsets.topic.replication.factor", replicas);
    properties.put("offsets.topic.num.partitions", "1");
    properties.put("transaction.state.log.replication.factor", replicas);
    properties.put("transaction.state.log.min.isr", minInSync);
    properties.put("transaction.state.log.num.partitions", "1");
    properties.put("default.replication.factor", replicas);
    properties.put("min.insync.replicas", minInSync);
    properties.put("unclean.leader.election.enable", "false");
    properties.put("group.initial.rebalance.delay.ms", "0");
    properties.put("num.partitions", "1");
    properties.put("auto.create.topics.enable", "false");
    // Small machines: the cleaner's 128 MB default dedupe buffer would be allocated on the heap at startup.
    properties.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    properties.put("num.network.threads", "2");
    properties.put("num.io.threads", "4");
    return properties;
  }
}

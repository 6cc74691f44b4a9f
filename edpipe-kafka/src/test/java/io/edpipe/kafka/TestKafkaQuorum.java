package io.edpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestKafkaQuorum {
  private static final KafkaQuorum QUORUM =
      new KafkaQuorum(
          "cluster-1",
          List.of(
              new KafkaQuorum.Node(1, Path.of("/k/node-1"), 9001, 9101),
              new KafkaQuorum.Node(2, Path.of("/k/node-2"), 9002, 9102),
              new KafkaQuorum.Node(3, Path.of("/k/node-3"), 9003, 9103)));

  @Test
  void everyNodeVotesAndReplicatesThreeTimesTwoInSync() {
    Map<String, String> second = QUORUM.serverProperties(QUORUM.node(2));

    assertThat(second)
        .containsEntry("node.id", "2")
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:9101,2@127.0.0.1:9102,3@127.0.0.1:9103")
        .containsEntry("listeners", "BROKER://127.0.0.1:9002,CONTROLLER://127.0.0.1:9102")
        .containsEntry("advertised.listeners", "BROKER://127.0.0.1:9002")
        .containsEntry("log.dirs", "/k/node-2")
        .containsEntry("default.replication.factor", "3")
        .containsEntry("offsets.topic.replication.factor", "3")
        .containsEntry("min.insync.replicas", "2")
        .containsEntry("transaction.state.log.min.isr", "2")
        .containsEntry("unclean.leader.election.enable", "false");
    assertThat(QUORUM.bootstrapServers()).isEqualTo("127.0.0.1:9001,127.0.0.1:9002,127.0.0.1:9003");
  }

  @Test
  void aSmallerQuorumReplicatesToEveryNode() {
    KafkaQuorum two = new KafkaQuorum("c", QUORUM.nodes().subList(0, 2));
    assertThat(two.serverProperties(two.node(1)))
        .containsEntry("default.replication.factor", "2")
        .containsEntry("min.insync.replicas", "1");
  }

  @Test
  void refusesClashingNodes() {
    assertThatThrownBy(() -> new KafkaQuorum("c", List.of(QUORUM.node(1), QUORUM.node(1))))
        .hasMessageContaining("node ids must differ");
    assertThatThrownBy(
            () -> new KafkaQuorum("c", List.of(QUORUM.node(1), new KafkaQuorum.Node(2, Path.of("/k/2"), 9001, 9200))))
        .hasMessageContaining("ports must differ");
  }
}

package io.edpipe.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edpipe.core.error.PipelineException;
import org.junit.jupiter.api.Test;

class TestTopology {
  @Test
  void replicatesAsTheClusterAllows() {
    Topology cluster = new Topology(3, 3, 2);
    assertThat(cluster.isEmbedded()).isFalse();
    assertThat(cluster.kafkaReplicas()).isEqualTo((short) 3);
    assertThat(cluster.kafkaMinInSyncReplicas()).isEqualTo(2);
    assertThat(cluster.hdfsReplication()).isEqualTo(3);
    assertThat(cluster.sparkExecutorCores()).isEqualTo(2);

    Topology small = new Topology(2, 5, 1);
    assertThat(small.kafkaReplicas()).isEqualTo((short) 2);
    assertThat(small.kafkaMinInSyncReplicas()).isEqualTo(1);
    assertThat(small.hdfsReplication()).isEqualTo(3);
    assertThat(Topology.EMBEDDED.isEmbedded()).isTrue();
  }

  @Test
  void roundTripsItsKey() {
    assertThat(Topology.parse(" 3/3/2 ", "stack.properties")).isEqualTo(new Topology(3, 3, 2));
    assertThat(new Topology(3, 3, 2).key()).isEqualTo("3/3/2");
    assertThat(new Topology(3, 1, 0)).hasToString("3 Kafka brokers, 1 HDFS DataNode, Spark in local mode");
  }

  @Test
  void refusesWhatCannotRun() {
    assertThatThrownBy(() -> new Topology(0, 1, 0)).isInstanceOf(PipelineException.class).hasMessageContaining("--brokers");
    assertThatThrownBy(() -> new Topology(1, 10, 0)).hasMessageContaining("--datanodes");
    assertThatThrownBy(() -> new Topology(1, 1, -1)).hasMessageContaining("--spark-workers");
    assertThatThrownBy(() -> Topology.parse("3x3", "/h/stack.properties"))
        .hasMessageContaining("Invalid topology 3x3 in /h/stack.properties");
  }
}

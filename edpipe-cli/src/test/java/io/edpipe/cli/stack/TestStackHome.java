package io.edpipe.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edpipe.cli.cluster.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestStackHome {
  @Test
  void keepsTheTopologyItWasFirstStartedWith(@TempDir Path directory) {
    StackHome home = new StackHome(directory);
    Topology cluster = new Topology(3, 3, 2);

    assertThat(home.topology(Optional.of(cluster))).isEqualTo(cluster);
    assertThat(new StackHome(directory).topology(Optional.empty())).isEqualTo(cluster);
    assertThatThrownBy(() -> home.topology(Optional.of(Topology.EMBEDDED)))
        .hasMessageContaining("this home's stack has 3 Kafka brokers, 3 HDFS DataNodes, 2 Spark workers")
        .hasMessageContaining("--brokers 3 --datanodes 3 --spark-workers 2");
  }

  @Test
  void aHomeOfTheEmbeddedStackFromBeforeTopologiesStaysEmbedded(@TempDir Path directory) throws IOException {
    Files.createDirectories(directory.resolve("kafka"));
    assertThatThrownBy(() -> new StackHome(directory).topology(Optional.of(new Topology(3, 1, 0))))
        .hasMessageContaining("this home's stack has 1 Kafka broker, 1 HDFS DataNode, Spark in local mode");
  }

  @Test
  void keepsPortsAndGivesEachKeyItsOwn(@TempDir Path directory) {
    StackHome home = new StackHome(directory);
    int first = home.port("a");
    int second = home.port("b");

    assertThat(first).isNotEqualTo(second);
    assertThat(new StackHome(directory).port("a")).isEqualTo(first);
    assertThat(home.ports()).isEqualTo(new StackHome(directory).ports());
  }
}

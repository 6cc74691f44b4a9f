package io.edpipe.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestNodeProcess {
  @Test
  void aNodeLeftRunningIsKilledAtTheNextStartAndItsLogTellsWhy(@TempDir Path directory) throws Exception {
    ClusterPlan plan =
        new ClusterPlan(directory, new Topology(1, 1, 0), "c", List.of(new ClusterPlan.KafkaPorts(1, 2)), 3, 4, 5);
    NodeProcess node =
        NodeProcess.start(plan, "sleeper", JavaCommand.ofOwnClassPath("64m", Sleeper.class.getName(), List.of("a", "b")),
            Map.of(), plan.log("sleeper"));
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(plan.log("sleeper"))
        && Files.readString(plan.log("sleeper")).contains("sleeper up: a b"));

    ClusterPlan other = new ClusterPlan(directory.resolve("other"), plan.topology(), "c", plan.kafkaPorts(), 3, 4, 5);
    assertThat(NodeProcess.killOrphans(other.directory())).isZero();
    assertThat(node.isAlive()).isTrue();

    assertThat(NodeProcess.killOrphans(directory)).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> !node.isAlive());
    assertThat(node.failure("stopped").getMessage())
        .startsWith("sleeper stopped; the end of its log " + plan.log("sleeper"))
        .contains("sleeper up: a b");
  }

  @Test
  void stopEndsTheNodeWithSigterm(@TempDir Path directory) {
    ClusterPlan plan =
        new ClusterPlan(directory, new Topology(1, 1, 0), "c", List.of(new ClusterPlan.KafkaPorts(1, 2)), 3, 4, 5);
    NodeProcess node =
        NodeProcess.start(plan, "sleeper", JavaCommand.ofOwnClassPath("64m", Sleeper.class.getName(), List.of()),
            Map.of(), plan.log("sleeper"));

    node.stop(Duration.ofSeconds(20));

    assertThat(node.isAlive()).isFalse();
  }
}

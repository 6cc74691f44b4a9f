package io.edpipe.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestJavaCommand {
  @Test
  void marksTheNodeAndKeepsThisJvmsModuleFlags() {
    List<String> command =
        new JavaCommand("256m", List.of("-XX:+UseSerialGC"), "/lib/*", "kafka.Kafka", List.of("/k/node-1.properties")).toList(Path.of("/h/cluster"));

    assertThat(command.get(0)).endsWith("/bin/java");
    assertThat(command).containsSequence("-Dedpipe.cluster=/h/cluster", "-Xmx256m", "-XX:+UseSerialGC");
    assertThat(command.subList(command.size() - 4, command.size()))
        .containsExactly("-cp", "/lib/*", "kafka.Kafka", "/k/node-1.properties");
    // the test JVM runs with edpipe's --add-opens list (the parent POM's argLine): the nodes get the same
    assertThat(command).containsAll(JavaCommand.moduleFlags()).contains("--add-opens=java.base/java.nio=ALL-UNNAMED");
  }
}

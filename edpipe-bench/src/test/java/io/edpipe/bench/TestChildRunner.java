package io.edpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestChildRunner {
  @TempDir Path directory;

  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  private ChildRunner runner() {
    return new ChildRunner(directory, directory.resolve("logs"), new PrintStream(progress, true, StandardCharsets.UTF_8));
  }

  @Test
  void returnsTheStandardOutputOfAChild() {
    ChildRunner.Output output =
        runner().run(new ChildCommand("say hello", List.of("sh", "-c", "echo \"hello $WHO\"; echo noise >&2"), Map.of("WHO", "you")));

    assertThat(output.lines()).containsExactly("hello you");
    assertThat(directory.resolve("logs/01-say-hello.err")).hasContent("noise");
    assertThat(progress.toString(StandardCharsets.UTF_8)).startsWith("bench: say hello...\nbench: say hello: done in ");
  }

  @Test
  void aFailingChildFailsItsStepWithItsLastLines() {
    ChildRunner runner = runner();
    String script = "for i in $(seq 1 20); do echo line $i; done; echo 'Cannot land: broken' >&2; exit 3";

    assertThatThrownBy(() -> runner.run(new ChildCommand("land with edpipe", List.of("sh", "-c", script))))
        .isInstanceOf(StepFailedException.class)
        .hasMessageStartingWith(
            "Cannot land with edpipe: exit code 3 (logs: " + directory.resolve("logs/01-land-with-edpipe.out") + ", .err);"
                + " its last lines:\n  [01-land-with-edpipe.out]\n  line 6\n")
        .hasMessageEndingWith("line 20\n  [01-land-with-edpipe.err]\n  Cannot land: broken");
  }
}

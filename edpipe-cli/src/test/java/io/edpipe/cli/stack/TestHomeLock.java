package io.edpipe.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edpipe.core.error.PipelineException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestHomeLock {
  @TempDir Path directory;

  @Test
  void oneProcessAtATimeRunsAHomesStack() throws Exception {
    StackHome home = new StackHome(directory.resolve("home"));
    try (HomeLock first = HomeLock.take(home)) {
      assertThat(Files.readString(home.directory().resolve("stack.lock")))
          .isEqualTo(String.valueOf(ProcessHandle.current().pid()));
      assertThatThrownBy(() -> HomeLock.take(home))
          .isInstanceOf(PipelineException.class)
          .hasMessageContaining("another edpipe process (pid " + ProcessHandle.current().pid() + ") runs it")
          .hasMessageContaining("edpipe up --home " + home.directory());
    }
    HomeLock.take(home).close();
  }
}

package io.edpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestResultsFile {
  @TempDir Path directory;

  @Test
  void startsTheFileThenAppendsEachRun() throws IOException {
    Path file = directory.resolve("bench/RESULTS.md");

    ResultsFile.append(file, "## run 1\n");
    ResultsFile.append(file, "## run 2\n");

    assertThat(Files.readString(file)).isEqualTo(ResultsFile.HEADER + "## run 1\n\n## run 2\n");
    assertThat(directory.resolve("bench")).isDirectoryNotContaining("glob:**.tmp");
  }
}

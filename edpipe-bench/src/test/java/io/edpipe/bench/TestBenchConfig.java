package io.edpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestBenchConfig {
  @TempDir Path root;

  @BeforeEach
  void checkout() throws IOException {
    Files.writeString(root.resolve("edpipe"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(root.resolve("edpipe"), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private BenchConfig config(long events, Path work, double heapFileGigabytes) {
    return new BenchConfig(root, events, work, heapFileGigabytes, root.resolve("bench/RESULTS.md"), false, List.of("-Da=b"), 2);
  }

  @Test
  void derivesItsFolders() {
    BenchConfig config = config(50_000, root.resolve("bench/work"), 0.2);

    assertThat(config.home()).isEqualTo(root.resolve("bench/work/home"));
    assertThat(config.logs()).isEqualTo(root.resolve("bench/work/logs"));
    assertThat(config.eventsFile()).isEqualTo(root.resolve("bench/work/events.jsonl"));
    assertThat(config.sparkMaster()).isEqualTo("local[2]");
  }

  @Test
  void refusesBadValues() {
    assertThatThrownBy(() -> config(0, root.resolve("bench/work"), 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid value 0 for --events: must be >= 1");
    assertThatThrownBy(() -> config(10, root.resolve("bench/work"), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid value -1.0 for --heap-file-gb: must be >= 0");
  }

  @Test
  void neverWipesTheCheckout() {
    assertThatThrownBy(() -> config(10, root, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid value " + root + " for --work: it would wipe the checkout");
    assertThatThrownBy(() -> config(10, root.getParent(), 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid value " + root.getParent() + " for --work: it would wipe the checkout");
  }

  @Test
  void needsACheckoutWithEdpipe() throws IOException {
    Files.delete(root.resolve("edpipe"));

    assertThatThrownBy(() -> config(10, root.resolve("bench/work"), 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid root " + root + ": no executable ./edpipe there");
  }
}

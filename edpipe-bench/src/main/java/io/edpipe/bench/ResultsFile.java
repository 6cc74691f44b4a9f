package io.edpipe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** RESULTS.md: the runs, one section each, appended whole (a new file replaces the old one atomically). */
final class ResultsFile {
  static final String HEADER =
      """
      # edpipe benchmark results

      Each section is one run of `bench/run` (see README.md, "Benchmarks"), appended by it: the machine, the figures,
      and the ratios against the targets of the benchmark issue.

      """;

  private ResultsFile() {}

  static void append(Path file, String section) {
    try {
      Path absolute = file.toAbsolutePath();
      Files.createDirectories(absolute.getParent());
      String before = Files.exists(absolute) ? Files.readString(absolute, StandardCharsets.UTF_8) : HEADER;
      String separator = before.isEmpty() || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
      Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
      Files.writeString(temporary, before + separator + section, StandardCharsets.UTF_8);
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append the results to " + file, e);
    }
  }
}

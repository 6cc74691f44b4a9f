package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The machine a run measured, as it goes into RESULTS.md.
 *
 * @param loadAverage /proc/loadavg's 1, 5 and 15-minute load when the run started: what else kept the cores busy
 * @param commit the checkout's commit, {@code +dirty} when tracked files differ from it
 */
public record MachineDescription(
    String cpuModel,
    int cpus,
    long memoryBytes,
    String os,
    String java,
    long freeDiskBytes,
    String loadAverage,
    Instant date,
    String commit) {
  public MachineDescription {
    requireNonNull(cpuModel, "cpuModel is null");
    requireNonNull(os, "os is null");
    requireNonNull(java, "java is null");
    requireNonNull(loadAverage, "loadAverage is null");
    requireNonNull(date, "date is null");
    requireNonNull(commit, "commit is null");
  }

  /** Reads /proc, /etc/os-release, {@code java -version} and git. */
  static MachineDescription collect(Path root, Path work) {
    List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
    String model =
        cpuinfo.stream()
            .filter(line -> line.startsWith("model name"))
            .map(line -> line.substring(line.indexOf(':') + 1).strip())
            .findFirst()
            .orElse(System.getProperty("os.arch"));
    long processors = cpuinfo.stream().filter(line -> line.startsWith("processor")).count();
    long memory =
        lines(Path.of("/proc/meminfo")).stream()
            .filter(line -> line.startsWith("MemTotal:"))
            .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
            .findFirst()
            .orElse(-1L);
    String os =
        lines(Path.of("/etc/os-release")).stream()
                .filter(line -> line.startsWith("PRETTY_NAME="))
                .map(line -> line.substring("PRETTY_NAME=".length()).replace("\"", ""))
                .findFirst()
                .orElse(System.getProperty("os.name"))
            + ", kernel " + System.getProperty("os.version");
    List<String> javaVersion = output(root, List.of("java", "-version"));
    String java = javaVersion.isEmpty() ? "java: unknown" : String.join("; ", javaVersion);
    long freeDisk;
    try {
      freeDisk = Files.getFileStore(work).getUsableSpace();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the free space of " + work, e);
    }
    String load =
        lines(Path.of("/proc/loadavg")).stream()
            .findFirst()
            .map(line -> String.join(" ", List.of(line.split(" ")).subList(0, 3)))
            .orElse("unknown");
    String commit = output(root, List.of("git", "rev-parse", "--short=12", "HEAD")).stream().findFirst().orElse("unknown");
    boolean dirty = !output(root, List.of("git", "status", "--porcelain", "--untracked-files=no")).isEmpty();
    return new MachineDescription(
        model, (int) Math.max(processors, Runtime.getRuntime().availableProcessors()), memory, os, java, freeDisk, load,
        Instant.now(), commit + (dirty ? "+dirty" : ""));
  }

  /** One line for a person. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%s, %d CPUs, %.1f GiB memory; %s; %s; %.1f GB free disk; load average at the start %s",
        cpuModel, cpus, memoryBytes / (double) (1L << 30), os, java, freeDiskBytes / 1e9, loadAverage);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.isReadable(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** What a short command prints (standard output and error), or nothing if it fails. */
  private static List<String> output(Path directory, List<String> command) {
    try {
      Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor() == 0 ? text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList() : List.of();
    } catch (IOException ignored) {
      return List.of(); // no such program: the description says unknown
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command, e);
    }
  }
}

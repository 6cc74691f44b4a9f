package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the bench's child processes from the checkout's root, each one's standard output and error in log files
 * of their own ({@code NN-step.out}, {@code .err}). A child that exits non-zero fails its step with its last lines.
 * Children still running when the bench's JVM exits (Ctrl-C) are stopped: each by its own process handle.
 */
final class ChildRunner {
  private static final int TAIL_LINES = 15;

  private final Path root;
  private final Path logs;
  private final PrintStream progress;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();
  private int sequence;

  ChildRunner(Path root, Path logs, PrintStream progress) {
    this.root = requireNonNull(root, "root is null");
    this.logs = requireNonNull(logs, "logs is null");
    this.progress = requireNonNull(progress, "progress is null");
    Runtime.getRuntime().addShutdownHook(new Thread(this::destroyRunning, "edpipe-bench-children"));
  }

  /** What a finished child printed on standard output. */
  record Output(List<String> lines, Duration wall) {
    Output {
      lines = List.copyOf(lines);
    }
  }

  /** Runs the child to its end; fails the step unless it exits 0. */
  Output run(ChildCommand child) {
    progress.printf("bench: %s...%n", child.step());
    long start = System.nanoTime();
    Started started = start(child);
    int exit;
    try {
      exit = started.process().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      started.process().destroy();
      throw new StepFailedException(child.step(), "interrupted", e);
    } finally {
      running.remove(started.process());
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    if (exit != 0) {
      throw new StepFailedException(child.step(), "exit code " + exit + " (logs: " + started.out() + ", .err)", tail(started));
    }
    progress.printf(Locale.ROOT, "bench: %s: done in %.1f s%n", child.step(), wall.toMillis() / 1000.0);
    return new Output(readLines(started.out()), wall);
  }

  /** A child that runs in the background, until {@link #stop}. */
  Started start(ChildCommand child) {
    String name = String.format("%02d-%s", ++sequence, child.step().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(child.command())
            .directory(root.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().putAll(child.environment());
    try {
      Files.createDirectories(logs);
      Process process = builder.start();
      running.add(process);
      return new Started(child, process, out, err);
    } catch (IOException e) {
      throw new StepFailedException(child.step(), "cannot start " + child.command().get(0), e);
    }
  }

  /** A background child: SIGTERM, then after {@code grace} SIGKILL. */
  void stop(Started started, Duration grace) {
    Process process = started.process();
    try {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          progress.printf("bench: %s did not stop within %d s: killing it%n", started.child().step(), grace.toSeconds());
          process.destroyForcibly().waitFor();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      running.remove(process);
    }
  }

  /** The end of a child's output and error logs. */
  List<String> tail(Started started) {
    List<String> lines = new ArrayList<>();
    for (Path file : List.of(started.out(), started.err())) {
      List<String> all = readLines(file);
      if (!all.isEmpty()) {
        lines.add("[" + file.getFileName() + "]");
        lines.addAll(all.subList(Math.max(0, all.size() - TAIL_LINES), all.size()));
      }
    }
    return lines;
  }

  private void destroyRunning() {
    for (Process process : running) {
      process.destroy(); // the bench is going away (Ctrl-C): its children too
    }
  }

  private static List<String> readLines(Path file) {
    try {
      if (!Files.exists(file)) {
        return List.of();
      }
      // progress bars end their updates with \r: keep each update a line of its own
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      return text.isEmpty() ? List.of() : List.of(text.split("\r?\n|\r"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** A started child and its log files. */
  record Started(ChildCommand child, Process process, Path out, Path err) {}
}

package io.edpipe.cli.cluster;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a local cluster: a JVM of its own, its output appended to a log file. {@link #close()} stops it as
 * an operator would (SIGTERM: the engines shut down cleanly), then kills it if it does not go.
 */
public final class NodeProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeProcess.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final String name;
  private final Process process;
  private final Path logFile;

  private NodeProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /** Starts a node of the cluster in {@code plan}'s directory. */
  static NodeProcess start(
      ClusterPlan plan, String name, JavaCommand command, Map<String, String> environment, Path logFile) {
    requireNonNull(name, "name is null");
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command.toList(plan.directory()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      log.info("{} started, pid {}, log {}", name, process.pid(), logFile);
      return new NodeProcess(name, process, logFile);
    } catch (IOException e) {
      throw new PipelineException(ErrorCode.STACK_FAILED, e, "Cannot start %s: %s", name, e.getMessage());
    }
  }

  /**
   * Kills (SIGKILL) the nodes of the cluster in {@code clusterDirectory} that still run although no process runs
   * the cluster: left by an edpipe process that was killed (kill -9), they would hold the ports and storage.
   *
   * @return how many were killed
   */
  static int killOrphans(Path clusterDirectory) {
    // the marker is the JVM's first option: in the command line even where Linux cuts it at 4096 bytes (and
    // ProcessHandle.Info has no arguments for it at all)
    String marker = " -D" + JavaCommand.NODE_MARKER + "=" + clusterDirectory + " ";
    long self = ProcessHandle.current().pid();
    int killed = 0;
    for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
      boolean node =
          process.pid() != self
              && process.info().commandLine().map(line -> line.contains(marker)).orElse(false);
      if (node) {
        log.warn("Killing pid {}, a node of {} left running by an edpipe process that died", process.pid(), clusterDirectory);
        process.destroyForcibly();
        process.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        killed++;
      }
    }
    return killed;
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return logFile;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to end by itself (a one-off command), and returns its exit code. */
  public int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
        throw failure("did not finish in " + timeout.toSeconds() + " s");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      throw new IllegalStateException("Interrupted while waiting for " + name, e);
    }
  }

  /** Throws, with the end of the log, if the process has ended. */
  public void checkAlive() {
    if (!process.isAlive()) {
      throw failure("exited with code " + process.exitValue());
    }
  }

  /** An error about this node that ends with the last lines of its log. */
  public PipelineException failure(String what) {
    return new PipelineException(
        ErrorCode.STACK_FAILED, "%s %s; the end of its log %s:%n%s", name, what, logFile, logTail(20));
  }

  /** Ends the process at once (SIGKILL), as a crash or a pulled plug would. */
  public void kill() {
    process.destroyForcibly();
    awaitEnd(STOP_GRACE);
  }

  /** Asks the process to stop (SIGTERM) and waits; kills it if it is still there after {@code grace}. */
  public void stop(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!awaitEnd(grace)) {
      log.warn("{} (pid {}) did not stop in {} s: killing it", name, process.pid(), grace.toSeconds());
      process.destroyForcibly();
      awaitEnd(STOP_GRACE);
    }
  }

  @Override
  public void close() {
    stop(STOP_GRACE);
  }

  private boolean awaitEnd(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return false;
    }
  }

  private String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read it: " + e.getMessage() + ")";
    }
  }
}

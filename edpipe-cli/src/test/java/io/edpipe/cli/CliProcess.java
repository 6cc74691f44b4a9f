package io.edpipe.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** edpipe running in a child JVM that a test can kill with -9, its output kept in files. */
final class CliProcess implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;
  private final String name;

  private CliProcess(Process process, Path out, Path err, String name) {
    this.process = process;
    this.out = out;
    this.err = err;
    this.name = name;
    long started = System.nanoTime();
    // where a test's time goes: one line per child in the test's output
    process.onExit().thenAccept(ended -> System.out.printf(
        "child JVM: %s: exit %d after %.1f s%n", name, ended.exitValue(), (System.nanoTime() - started) / 1e9));
  }

  static CliProcess start(Path logDirectory, String name, List<String> jvmOptions, String... args) {
    try {
      Files.createDirectories(logDirectory);
      Path out = logDirectory.resolve(name + ".out");
      Path err = logDirectory.resolve(name + ".err");
      Process process =
          new ProcessBuilder(CliRun.command(jvmOptions, args))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      return new CliProcess(process, out, err, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, as {@code kill -9 PID} from a shell: no shutdown hook, no finally block runs. */
  void kill9() throws IOException, InterruptedException {
    int exit = new ProcessBuilder("kill", "-9", String.valueOf(process.pid())).inheritIO().start().waitFor();
    if (exit != 0 && process.isAlive()) {
      throw new IOException("kill -9 " + process.pid() + " failed with exit code " + exit);
    }
    process.waitFor();
  }

  /** SIGTERM, as Ctrl-C or {@code kill PID}: shutdown hooks run. */
  void terminate() {
    process.destroy();
  }

  /** The exit code, after waiting at most {@code timeout}. */
  int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(name + " did not end in " + timeout + "\n" + this);
    }
    return process.exitValue();
  }

  String out() {
    return read(out);
  }

  String err() {
    return read(err);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  @Override
  public String toString() {
    String errors = err();
    return name + " (pid " + process.pid() + ")\n--- out\n" + out() + "\n--- err (last 4000 chars)\n"
        + errors.substring(Math.max(0, errors.length() - 4000));
  }
}

package io.edpipe.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the edpipe command line in its own JVM, as a user runs it, with its exit code and what it printed.
 */
record CliRun(int exitCode, String out, String err) {
  private static final long TIMEOUT_MINUTES = 8;

  static CliRun of(String... args) {
    return of(List.of(), args);
  }

  /** With extra JVM options for the child, e.g. {@code -Dspark.hadoop.dfs.replication=1}. */
  static CliRun of(List<String> jvmOptions, String... args) {
    return in(null, jvmOptions, args);
  }

  /** Run with {@code workingDirectory} as the child's working directory (null: this JVM's). */
  static CliRun in(Path workingDirectory, List<String> jvmOptions, String... args) {
    try {
      Path out = Files.createTempFile("edpipe-out", ".txt");
      Path err = Files.createTempFile("edpipe-err", ".txt");
      try {
        List<String> command = command(jvmOptions, args);
        long started = System.nanoTime();
        Process process =
            new ProcessBuilder(command)
                .directory(workingDirectory == null ? null : workingDirectory.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          process.destroyForcibly().waitFor();
          throw new AssertionError("edpipe " + String.join(" ", args) + " did not end in " + TIMEOUT_MINUTES + " minutes");
        }
        // where a test's time goes: one line per child in the test's output
        System.out.printf("child JVM: edpipe %s: exit %d in %.1f s%n", String.join(" ", args), process.exitValue(),
            (System.nanoTime() - started) / 1e9);
        return new CliRun(
            process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * {@code java <the JVM flags edpipe needs> -cp <this test's classpath> io.edpipe.cli.Main args...}, sharing the
   * classes of an archive that the first call of a build writes ({@link SharedClasses}).
   */
  static List<String> command(String... args) {
    return command(List.of(), args);
  }

  static List<String> command(List<String> jvmOptions, String... args) {
    SharedClasses.Sharing sharing = SharedClasses.forChild();
    List<String> options = new ArrayList<>(sharing.options());
    options.addAll(jvmOptions);
    return command(sharing.classPath(), options, args);
  }

  static List<String> command(String classPath, List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx2g");
    // the quick compiler only: a child lives seconds to minutes on small data, and C2 compiling Spark's start-up
    // would double its CPU time on a 2-core machine running the test's Kafka and HDFS beside it
    command.add("-XX:TieredStopAtLevel=1");
    for (String option : System.getProperty("edpipe.child.jvm.options", "").trim().split("\\s+")) {
      if (!option.isEmpty()) {
        command.add(option);
      }
    }
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath, Main.class.getName()));
    command.addAll(Arrays.asList(args));
    return command;
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
  }
}

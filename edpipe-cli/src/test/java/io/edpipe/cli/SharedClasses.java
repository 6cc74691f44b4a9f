package io.edpipe.cli;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Class-data sharing (AppCDS) for the edpipe JVMs the integration tests start, dozens in a build, each
 * loading and verifying Spark, Hadoop, Iceberg and Kafka classes from jars before it does anything. Before the first
 * of them, one run of the whole pipeline on the real sample writes the classes it loaded to an archive
 * ({@code -XX:ArchiveClassesAtExit}); every child then maps it ({@code -XX:SharedArchiveFile}): a query's JVM takes
 * 13-15 s instead of 23-28 s here.
 *
 * <p>Class-data sharing cannot archive classes from a directory, so children run on the class path of this JVM with
 * the test classes as their jar ({@code edpipe.child.test-jar}, built by the package phase). The archive is named by
 * a digest of the JDK and of every jar's path, size and time: a rebuilt jar makes a new one. Where a directory
 * remains (an IDE's class path) or {@code edpipe.child.cds-directory} is not set, children run without sharing.
 * Children log the JVM's own warnings to stderr: a command's output stays its own whatever the JVM thinks of an
 * archive.
 */
final class SharedClasses {
  private static final String ARCHIVE_DIRECTORY = System.getProperty("edpipe.child.cds-directory", "");
  private static final String TEST_JAR = System.getProperty("edpipe.child.test-jar", "");
  private static final long TRAINING_MINUTES = 10;
  /** JVM warnings to stderr, none to stdout (where a stale archive's warning would otherwise go). */
  private static final List<String> WARNINGS_TO_STDERR = List.of("-Xlog:disable", "-Xlog:all=warning:stderr");

  private static Optional<Sharing> sharing;

  private SharedClasses() {}

  /** The class path and class-data options of a child JVM: the first call of a build writes the archive. */
  static synchronized Sharing forChild() {
    if (sharing == null) {
      sharing = prepare();
    }
    return sharing.orElseGet(() -> new Sharing(System.getProperty("java.class.path"), List.of()));
  }

  /**
   * Writes the archive (when the build has none yet) in a thread of its own, so that a test class can start what it
   * needs meanwhile: the archive's last 20 s or so (the dump) use one core only. Children wait for it as ever.
   */
  static void prepareInBackground() {
    Thread thread = new Thread(SharedClasses::forChild, "class-data-archive");
    thread.setDaemon(true);
    thread.start();
  }

  /** A child's class path and the JVM options that go with it. */
  record Sharing(String classPath, List<String> options) {}

  private static Optional<Sharing> prepare() {
    if (ARCHIVE_DIRECTORY.isEmpty() || TEST_JAR.isEmpty() || !Files.isRegularFile(Path.of(TEST_JAR))) {
      return Optional.empty();
    }
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (path.endsWith(Path.of("target", "test-classes"))) {
        entries.add(TEST_JAR);
      } else if (Files.isDirectory(path)) {
        return Optional.empty();
      } else {
        entries.add(entry);
      }
    }
    String classPath = String.join(File.pathSeparator, entries);
    try {
      Path directory = Files.createDirectories(Path.of(ARCHIVE_DIRECTORY));
      Path archive = directory.resolve("edpipe-" + digest(entries) + ".jsa");
      // where test classes run in JVMs at once (-DforkCount=2), one trains, the others wait for its archive
      try (FileChannel lock = FileChannel.open(directory.resolve("training.lock"), CREATE, WRITE);
          FileLock held = lock.lock()) {
        if (!Files.exists(archive) && !train(classPath, archive)) {
          return Optional.empty();
        }
      }
      List<String> options = new ArrayList<>(WARNINGS_TO_STDERR);
      options.add("-XX:SharedArchiveFile=" + archive);
      return Optional.of(new Sharing(classPath, options));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the pipeline on the real sample in a child that writes the archive as it exits; true if it did. */
  private static boolean train(String classPath, Path archive) throws IOException {
    Path training = Files.createTempDirectory(archive.getParent(), "training-");
    Path sample = training.resolve("real-sample.jsonl");
    try (InputStream in = SharedClasses.class.getResourceAsStream("/fixtures/real-sample.jsonl")) {
      Files.copy(in, sample);
    }
    Path written = training.resolve("archive.jsa");
    List<String> options = new ArrayList<>(WARNINGS_TO_STDERR);
    options.add("-Xlog:cds=off,cds+dynamic=off:stderr"); // it lists every class of a signed jar it skips
    options.add("-XX:ArchiveClassesAtExit=" + written);
    List<String> command =
        CliRun.command(
            classPath, options, "run", "--home", training.resolve("home").toString(), "--input", sample.toString());
    long started = System.nanoTime();
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(training.resolve("training.log").toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!process.waitFor(TRAINING_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor();
      }
      boolean done = !process.isAlive() && process.exitValue() == 0 && Files.isRegularFile(written);
      if (done) {
        Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        deleteRecursively(training);
      }
      System.out.printf(
          "class-data archive for child JVMs: %s in %.1f s%s%n",
          done ? archive : "not written (see " + training.resolve("training.log") + ")",
          (System.nanoTime() - started) / 1e9, done ? " (" + Files.size(archive) / (1 << 20) + " MB)" : "");
      return done;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the class-data archive", e);
    }
  }

  private static String digest(List<String> entries) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(System.getProperty("java.home").getBytes(StandardCharsets.UTF_8));
      digest.update(System.getProperty("java.vm.version").getBytes(StandardCharsets.UTF_8));
      for (String entry : entries) {
        Path path = Path.of(entry);
        String stamp =
            Files.exists(path) ? entry + ":" + Files.size(path) + ":" + Files.getLastModifiedTime(path).toMillis() : entry;
        digest.update(stamp.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}

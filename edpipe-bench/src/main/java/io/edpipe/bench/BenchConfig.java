package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one bench run does.
 *
 * @param root the checkout: its {@code ./edpipe} and the bench's jar and lib
 * @param events how many events to generate, publish, land and query
 * @param work the work folder, wiped at the start
 * @param heapFileGigabytes the size of the JSON array file that publish reads within a 512 MB heap (10^9 bytes);
 *     0 skips that step
 * @param results the Markdown file the run's section is appended to
 * @param keep keep the work folder at the end (else everything in it but the logs is deleted)
 * @param jvmOptions the flags Spark, Hadoop and Iceberg need on Java 17 (the parent POM's edpipe.jvm.opens)
 * @param cores the machine's cores: Spark's local[N] and DuckDB's threads
 */
public record BenchConfig(
    Path root, long events, Path work, double heapFileGigabytes, Path results, boolean keep, List<String> jvmOptions, int cores) {
  /** Every measured JVM's heap, as ./edpipe gives its commands by default. */
  public static final String HEAP = "-Xmx4g";

  /** The heap the publish of the large array file must fit in. */
  public static final String SMALL_HEAP = "-Xmx512m";

  public BenchConfig {
    requireNonNull(root, "root is null");
    requireNonNull(work, "work is null");
    requireNonNull(results, "results is null");
    jvmOptions = List.copyOf(jvmOptions);
    if (events < 1) {
      throw new IllegalArgumentException("Invalid value " + events + " for --events: must be >= 1");
    }
    if (heapFileGigabytes < 0 || Double.isNaN(heapFileGigabytes)) {
      throw new IllegalArgumentException("Invalid value " + heapFileGigabytes + " for --heap-file-gb: must be >= 0");
    }
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be positive: " + cores);
    }
    if (!Files.isExecutable(root.resolve("edpipe"))) {
      throw new IllegalArgumentException("Invalid root " + root + ": no executable ./edpipe there");
    }
    if (work.toAbsolutePath().normalize().equals(root.toAbsolutePath().normalize())
        || root.toAbsolutePath().normalize().startsWith(work.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("Invalid value " + work + " for --work: it would wipe the checkout");
    }
  }

  /** Spark's master for the measured runs: every core. */
  public String sparkMaster() {
    return "local[" + cores + "]";
  }

  public Path home() {
    return work.resolve("home");
  }

  public Path logs() {
    return work.resolve("logs");
  }

  public Path eventsFile() {
    return work.resolve("events.jsonl");
  }
}

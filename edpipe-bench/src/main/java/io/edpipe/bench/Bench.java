package io.edpipe.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench/run}: measures edpipe against Kafka's ProducerPerformance, hand-written Spark plans and DuckDB on the
 * same data and machine, prints the figures, appends them to RESULTS.md and ends with the RATIOS line. Progress
 * goes to standard error; standard output holds the figures only.
 */
@Command(
    name = "bench/run",
    mixinStandardHelpOptions = true,
    description = {
      "Measures, side by side on the same events: publish (edpipe vs Kafka's ProducerPerformance), land (edpipe vs"
          + " Spark's best and naive plans and DuckDB; edpipe on 1 core vs all), the business questions (Spark vs"
          + " DuckDB), storage (landed bytes / raw JSON bytes) and the heap of a publish of a large array file.",
      "Prints a table, appends it to the results file, and ends with one line: RATIOS publish_vs_producer_perf=..."
    })
public final class Bench implements Callable<Integer> {
  /** Set by bench/run: the checkout. */
  static final String ROOT_PROPERTY = "edpipe.bench.root";
  /** Set by bench/run: the JVM flags of the parent POM's edpipe.jvm.opens, for the Java children. */
  static final String JVM_OPTIONS_PROPERTY = "edpipe.child.jvm.options";

  @Spec CommandSpec spec;

  @Option(names = "--events", paramLabel = "N", defaultValue = "1000000", description = "Events to generate (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--work", paramLabel = "DIR", description = "The work folder, wiped at the start (default: bench/work).")
  Path work;

  @Option(names = "--heap-file-gb", paramLabel = "G", defaultValue = "5",
      description = "Size of the JSON array file published with a 512 MB heap, in GB (default: ${DEFAULT-VALUE}; 0 skips it).")
  double heapFileGigabytes;

  @Option(names = "--results", paramLabel = "FILE", description = "Where the run's section is appended (default: bench/RESULTS.md).")
  Path results;

  @Option(names = "--keep", description = "Keep the work folder (default: delete all of it but its logs at the end).")
  boolean keep;

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  static CommandLine newCommandLine() {
    return new CommandLine(new Bench());
  }

  @Override
  public Integer call() {
    Path root = Path.of(System.getProperty(ROOT_PROPERTY, ".")).toAbsolutePath().normalize();
    BenchConfig config;
    try {
      config =
          new BenchConfig(
              root, events, (work != null ? work : root.resolve("bench/work")).toAbsolutePath().normalize(),
              heapFileGigabytes, (results != null ? results : root.resolve("bench/RESULTS.md")).toAbsolutePath(), keep,
              jvmOptions(),
              Runtime.getRuntime().availableProcessors());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintStream progress = System.err;
    wipe(config.work());
    BenchResults measured;
    try {
      measured = new BenchRun(config, new ChildRunner(config.root(), config.logs(), progress)).execute();
    } catch (RuntimeException e) {
      progress.println("bench: failed, nothing written to " + config.results());
      progress.println("bench: " + e.getMessage());
      if (!(e instanceof StepFailedException)) {
        e.printStackTrace(progress);
      }
      return 1;
    } finally {
      if (!config.keep()) {
        cleanUp(config);
      }
    }
    ResultsFile.append(config.results(), ResultsReport.section(measured));
    progress.println("bench: appended to " + config.results());
    PrintStream out = System.out;
    out.print(ResultsReport.body(measured));
    out.println(measured.ratios().line());
    out.flush();
    return 0;
  }

  private static List<String> jvmOptions() {
    String options = System.getProperty(JVM_OPTIONS_PROPERTY, "").strip();
    return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
  }

  /** Deletes the work folder's content, then makes it anew. */
  private static void wipe(Path work) {
    deleteTree(work, null);
    try {
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + work, e);
    }
  }

  /** Everything in the work folder but its logs: the events, the stack's Kafka and HDFS, the copies. */
  private static void cleanUp(BenchConfig config) {
    deleteTree(config.work(), config.logs());
  }

  /** Deletes {@code tree}, sparing {@code keep} (and the folders above it) if given. */
  private static void deleteTree(Path tree, Path keep) {
    if (!Files.exists(tree)) {
      return;
    }
    try {
      Files.walkFileTree(
          tree,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
              return keep != null && dir.equals(keep) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
              if (failure != null) {
                throw failure;
              }
              if (keep == null || !keep.startsWith(dir)) {
                Files.delete(dir);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + tree, e);
    }
  }
}

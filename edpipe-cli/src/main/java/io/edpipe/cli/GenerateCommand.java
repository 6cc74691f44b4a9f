package io.edpipe.cli;

import io.edpipe.core.twin.TwinConfig;
import io.edpipe.core.twin.TwinFormat;
import io.edpipe.core.twin.TwinGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the statistical twin of the public assessment-attempts file: by default 3,280 records that reproduce"
          + " every published figure of the real file; --records N scales it with the same distributions.",
      "With --customers N the same records are spread over N files, one per customer (customer-1 ... customer-N),"
          + " each exam with one customer: FILE.json becomes FILE.customer-1.json ...; publish each with"
          + " --customer."
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--records", paramLabel = "N", description = "Number of records (default: 3280, the exact twin).")
  Long records;

  @Option(names = "--seed", paramLabel = "SEED", description = "Random seed (default: the exact twin's).")
  Long seed;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "array", description = "array or jsonl (default: ${DEFAULT-VALUE}).")
  TwinFormat format;

  @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: standard output).")
  Path out;

  @Option(names = "--customers", paramLabel = "N", defaultValue = "1",
      description = "Spread the exams over N customers, a file each (default: ${DEFAULT-VALUE}; more needs --out).")
  int customers;

  @Override
  public Integer call() {
    TwinConfig config = config(seed, records, format);
    TwinGenerator generator = TwinGenerator.create(config);
    if (customers < 1 || customers > 1000) {
      throw new ParameterException(spec.commandLine(), "Invalid value " + customers + " for --customers: 1 to 1000");
    }
    if (customers > 1) {
      if (out == null) {
        throw new ParameterException(spec.commandLine(), "--customers needs --out: it writes a file per customer");
      }
      List<CustomerFile> files = spread(generator, out, customers);
      for (CustomerFile file : files) {
        spec.commandLine().getErr().printf("generate: %d records of %s to %s%n", file.records(), file.customer(), file.path());
      }
      return 0;
    }
    if (out == null) {
      generator.writeTo(System.out);
      System.out.flush();
      return 0;
    }
    try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
      long written = generator.writeTo(stream);
      spec.commandLine().getErr().printf("generate: %d records to %s%n", written, out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + out, e);
    }
    return 0;
  }

  /** A customer's share of a spread twin. */
  record CustomerFile(String customer, Path path, long records) {}

  /** The id of the {@code index}-th (from 1) customer of a spread twin. */
  static String customerId(int index) {
    return "customer-" + index;
  }

  /** Where a customer's share of a twin written to {@code out} goes: {@code twin.json} becomes {@code twin.customer-1.json}. */
  static Path customerPath(Path out, String customer) {
    String name = out.getFileName().toString();
    int dot = name.indexOf('.');
    String spread = dot < 0 ? name + "." + customer : name.substring(0, dot) + "." + customer + name.substring(dot);
    return out.resolveSibling(spread);
  }

  /** Writes the twin spread over {@code customers} files next to {@code out}, each whole or not at all. */
  static List<CustomerFile> spread(TwinGenerator generator, Path out, int customers) {
    List<Path> paths = new ArrayList<>();
    List<Path> temporaries = new ArrayList<>();
    List<OutputStream> streams = new ArrayList<>();
    try {
      for (int i = 1; i <= customers; i++) {
        Path path = customerPath(out, customerId(i));
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        paths.add(path);
        temporaries.add(temporary);
        streams.add(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16));
      }
      long[] written = generator.writeSpread(streams);
      closeAll(streams);
      List<CustomerFile> files = new ArrayList<>();
      for (int i = 0; i < customers; i++) {
        Files.move(temporaries.get(i), paths.get(i), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        files.add(new CustomerFile(customerId(i + 1), paths.get(i), written[i]));
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the twin's customer files next to " + out, e);
    } finally {
      for (int i = streams.size() - 1; i >= 0; i--) {
        try {
          streams.get(i).close(); // again after a failure: closing twice does nothing
        } catch (IOException e) {
          // the failure that got here is the one to report
        }
      }
      for (Path temporary : temporaries) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // what is left is a .tmp file: the next run replaces it
        }
      }
    }
  }

  private static void closeAll(List<OutputStream> streams) {
    for (int i = streams.size() - 1; i >= 0; i--) {
      try {
        streams.get(i).close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot close a twin customer file", e);
      }
    }
  }

  static TwinConfig config(Long seed, Long records, TwinFormat format) {
    TwinConfig defaults = TwinConfig.defaults();
    // TwinConfig rejects bad values as PipelineException(BAD_CONFIG): exit code 2
    return new TwinConfig(seed == null ? defaults.seed() : seed, records == null ? defaults.records() : records, format);
  }
}

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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the statistical twin of the public assessment-attempts file: by default 3,280 records that reproduce"
          + " every published figure of the real file; --records N scales it with the same distributions.",
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

  @Override
  public Integer call() {
    TwinConfig config = config(seed, records, format);
    TwinGenerator generator = TwinGenerator.create(config);
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

  static TwinConfig config(Long seed, Long records, TwinFormat format) {
    TwinConfig defaults = TwinConfig.defaults();
    // TwinConfig rejects bad values as PipelineException(BAD_CONFIG): exit code 2
    return new TwinConfig(seed == null ? defaults.seed() : seed, records == null ? defaults.records() : records, format);
  }
}

package io.edpipe.cli;

import io.edpipe.core.table.OutputFormat;
import picocli.CommandLine.Option;

/** How results print. */
public final class FormatOption {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, json or csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  public OutputFormat format() {
    return format;
  }
}

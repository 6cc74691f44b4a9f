package io.edpipe.cli;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;

/** The {@code edpipe} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The command line with its converters and error handling; tests call this. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new EdpipeCommand());
    commandLine.registerConverter(Path.class, Path::of);
    commandLine.registerConverter(URI.class, Main::uri);
    commandLine.registerConverter(Duration.class, Main::duration);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(Main::handle);
    return commandLine;
  }

  private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof PipelineException pipeline) {
      err.println("edpipe: " + pipeline.getMessage());
      Throwable cause = pipeline.getCause();
      while (cause != null) {
        String causeLine = cause.getMessage() == null ? null : firstLine(cause.getMessage());
        if (causeLine != null && !pipeline.getMessage().contains(causeLine)) {
          err.println("  caused by: " + cause.getClass().getSimpleName() + ": " + causeLine);
        }
        cause = cause.getCause();
      }
      err.flush();
      return pipeline.code().kind() == ErrorCode.Kind.USER ? 2 : 1;
    }
    err.println("edpipe: unexpected error: " + e);
    e.printStackTrace(err);
    err.flush();
    return 1;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static URI uri(String text) {
    URI uri = URI.create(text);
    if (uri.getScheme() == null) {
      // a plain local path
      return Path.of(text).toAbsolutePath().toUri();
    }
    return uri;
  }

  private static Duration duration(String text) {
    String trimmed = text.trim().toLowerCase();
    if (trimmed.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(trimmed.substring(0, trimmed.length() - 2)));
    }
    if (trimmed.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(trimmed.substring(0, trimmed.length() - 1)));
    }
    if (trimmed.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(trimmed.substring(0, trimmed.length() - 1)));
    }
    if (trimmed.endsWith("h")) {
      return Duration.ofHours(Long.parseLong(trimmed.substring(0, trimmed.length() - 1)));
    }
    if (trimmed.endsWith("d")) {
      return Duration.ofDays(Long.parseLong(trimmed.substring(0, trimmed.length() - 1)));
    }
    return Duration.parse(text); // ISO-8601, e.g. PT1H30M
  }
}

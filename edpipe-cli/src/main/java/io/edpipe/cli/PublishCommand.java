package io.edpipe.cli;

import io.edpipe.cli.stack.StackSession;
import io.edpipe.core.customer.Customers;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import io.edpipe.core.input.AttemptReader;
import io.edpipe.core.input.OnBad;
import io.edpipe.core.input.RawLineReader;
import io.edpipe.kafka.PublishProgressListener;
import io.edpipe.kafka.PublishResult;
import io.edpipe.kafka.TopicPublisher;
import io.edpipe.kafka.TopicPublisherConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Publishes attempts to Kafka, one message per attempt: value = the attempt's JSON as received (compact),"
          + " key = keen_id (else user_exam_id). Reads a JSON array (streaming), JSON Lines, either gzipped, or"
          + " standard input (FILE omitted or -), and detects which.",
      "Bad elements (not JSON, not an object, too large for the topic) are reported with file, element, line and"
          + " byte offset: --on-bad fail (default) stops there after flushing what was sent; skip goes on and writes"
          + " the rejects to a file."
    })
final class PublishCommand implements Callable<Integer> {
  @Mixin StackOptions stack;
  @Mixin TopicOption topic;
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "The input (default: standard input).")
  String input;

  @Option(names = "--on-bad", paramLabel = "POLICY", defaultValue = "fail", description = "fail or skip (default: ${DEFAULT-VALUE}).")
  OnBad onBad;

  @Option(
      names = "--raw",
      description = "Send each input line as one message, its bytes as they are and without a key, unvalidated"
          + " (what kafkacat -P does): to reproduce what other producers send. Landing checks them.")
  boolean raw;

  @Option(names = "--rejects", paramLabel = "FILE", description = "Where --on-bad skip writes rejected elements (default: FILE.rejects.jsonl, or rejects.jsonl for stdin).")
  Path rejects;

  @Option(names = "--customer", paramLabel = "ID",
      description = "The customer (publisher) whose attempts these are: stamped on each message as its customer header;"
          + " without it they land under the lake's default customer.")
  String customer;

  @Override
  public Integer call() {
    try (StackSession session = StackSession.open(stack.settings(), EnumSet.of(StackSession.Need.KAFKA))) {
      publish(
          session, topic.topic(), input, raw ? Input.RAW_LINES : Input.ATTEMPTS, onBad, rejects, customer,
          spec.commandLine().getOut());
      return 0;
    }
  }

  /** How the input is read. */
  enum Input {
    /** JSON attempts: array or JSON Lines, checked, keyed by keen_id. */
    ATTEMPTS,
    /** Lines as they are, unkeyed and unchecked, like kafkacat -P. */
    RAW_LINES
  }

  /** @param customer the customer to stamp on each message; null for none */
  static PublishResult publish(
      StackSession session,
      String topic,
      String input,
      Input mode,
      OnBad onBad,
      Path rejects,
      String customer,
      PrintWriter out) {
    if (customer != null) {
      Customers.check(customer, "--customer");
    }
    Path path = inputPath(input);
    long size = path == null ? -1 : sizeOf(path);
    TopicPublisherConfig config = config(session, topic, onBad, rejects, path);
    try (TopicPublisher publisher = TopicPublisher.create(customer == null ? config : config.withCustomer(customer));
        ConsoleProgress progress = ConsoleProgress.start("publish", size, " MB", 1 << 20)) {
      PublishProgressListener listener = p -> progress.stepTo(p.inputByteOffset());
      PublishResult result =
          switch (mode) {
            case ATTEMPTS -> {
              try (AttemptReader reader = path == null ? AttemptReader.openStdin(System.in) : AttemptReader.open(path)) {
                yield publisher.publish(reader, listener);
              }
            }
            case RAW_LINES -> {
              try (RawLineReader reader = path == null ? RawLineReader.open("stdin", System.in) : RawLineReader.open(path)) {
                yield publisher.publishRaw(reader, listener);
              }
            }
          };
      progress.stepTo(Math.max(size, 0));
      summarize(result, topic, customer, out);
      return result;
    }
  }

  /** The input file, or null for standard input. */
  private static Path inputPath(String input) {
    if (input == null || input.equals("-")) {
      return null;
    }
    Path path = Path.of(input);
    if (!Files.isRegularFile(path)) {
      throw new PipelineException(ErrorCode.BAD_USAGE, "Cannot publish %s: no such file", path);
    }
    return path;
  }

  private static TopicPublisherConfig config(StackSession session, String topic, OnBad onBad, Path rejects, Path path) {
    return switch (onBad) {
      case FAIL -> TopicPublisherConfig.failingOnBad(TopicCommand.client(session), topic);
      case SKIP -> TopicPublisherConfig.skippingBad(
          TopicCommand.client(session), topic, rejects != null ? rejects : defaultRejects(path));
    };
  }

  private static void summarize(PublishResult result, String topic, String customer, PrintWriter out) {
    String rejected =
        result.rejected() == 0
            ? ""
            : String.format(
                "; %d rejected, written to %s", result.rejected(), result.rejectsFile().map(Path::toString).orElse("-"));
    out.printf(
        "publish: %d messages (%.1f MB) to %s%s in %s (%.0f messages/s)%s%n",
        result.published(),
        result.bytes() / 1e6,
        topic,
        customer == null ? "" : ", customer " + customer,
        ConsoleProgress.seconds(result.elapsed()),
        result.messagesPerSecond(),
        rejected);
    out.flush();
  }

  private static Path defaultRejects(Path input) {
    return input == null ? Path.of("rejects.jsonl") : input.resolveSibling(input.getFileName() + ".rejects.jsonl");
  }

  private static long sizeOf(Path path) {
    try {
      // a gzipped file's compressed size is not the offset the reader reports: no bar maximum then
      return path.getFileName().toString().endsWith(".gz") ? -1 : Files.size(path);
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}

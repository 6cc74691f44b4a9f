package io.edpipe.cli;

import io.edpipe.cli.cluster.Topology;
import io.edpipe.cli.stack.StackHome;
import io.edpipe.cli.stack.StackSettings;
import io.edpipe.cli.stack.StackSession;
import io.edpipe.core.customer.Customers;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import io.edpipe.core.input.OnBad;
import io.edpipe.core.items.Scoring;
import io.edpipe.core.table.OutputFormat;
import io.edpipe.core.table.ResultTable;
import io.edpipe.core.table.ResultWriter;
import io.edpipe.core.twin.TwinConfig;
import io.edpipe.core.twin.TwinFormat;
import io.edpipe.core.twin.TwinGenerator;
import io.edpipe.kafka.PublishResult;
import io.edpipe.kafka.TopicSpec;
import io.edpipe.spark.BusinessQuestions;
import io.edpipe.spark.LandResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole pipeline: starts the embedded stack (Kafka in KRaft mode, HDFS, Spark local), creates the"
          + " topic, publishes the input (default: the generated twin of the public dataset), lands it, prints"
          + " the answers to the business questions and writes the HTML report (HOME/report.html).",
      "State stays under --home: running it again lands nothing twice, and an input already published from this"
          + " home is not published again (--republish to force)."
    })
final class RunCommand implements Callable<Integer> {
  @Mixin StackOptions stack;
  @Mixin TopologyOptions topology;
  @Mixin TopicOption topic;
  @Mixin FormatOption format;
  @Spec CommandSpec spec;

  @Option(names = "--input", paramLabel = "FILE", description = "Attempts to publish: JSON array or JSON Lines, optionally gzipped (default: the twin).")
  Path input;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + TopicCommand.DEFAULT_PARTITIONS,
      description = "Partitions of the topic if it has to be created (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--republish", description = "Publish the input even if it was published from this home before.")
  boolean republish;

  @Option(names = "--customer", paramLabel = "ID",
      description = "The customer whose attempts the input holds, stamped on each message (default: none, the"
          + " default customer's).")
  String customer;

  @Option(names = "--customers", paramLabel = "N",
      description = "Spread the twin's exams over N customers (customer-1 ... customer-N), each published as its own"
          + " customer's; not with --input or --customer.")
  Integer customers;

  @Option(names = "--default-customer", paramLabel = "ID", defaultValue = Customers.DEFAULT,
      description = "The customer of messages without a customer header (default: ${DEFAULT-VALUE}).")
  String defaultCustomer;

  @Option(names = "--exam", paramLabel = "NAME", defaultValue = BusinessQuestions.DEFAULT_EXAM,
      description = "The exam whose attempts the answers count (default: ${DEFAULT-VALUE}).")
  String exam;

  @Override
  public Integer call() {
    // With --format json or csv, stdout holds only the answers; the progress lines go to stderr.
    PrintWriter out =
        format.format() == OutputFormat.TABLE ? spec.commandLine().getOut() : spec.commandLine().getErr();
    StackSettings settings = stack.settings().withTopology(topology.topology());
    StackHome home = settings.home();
    Map<Path, String> sources = sources(home, out);
    try (StackSession session = StackSession.open(settings, EnumSet.allOf(StackSession.Need.class))) {
      session
          .topology()
          .filter(shape -> !shape.isEmbedded())
          .ifPresent(shape -> out.printf("stack: a local cluster of %s (node logs in %s)%n", shape, home.clusterLogs()));
      out.printf(
          "stack: Kafka %s, warehouse %s, Spark %s%n", session.bootstrapServers(), session.warehouse(), session.sparkMaster());
      out.flush();
      TopicCommand.ensure(session, topicSpec(session), out);
      sources.forEach((source, owner) -> publishOnce(session, home, source, owner, out));
      LandResult landed = LandCommand.land(session, topic.topic(), defaultCustomer, out);
      LandCommand.LandSummary.print(landed, out);
      out.println();
      out.flush();
      List<ResultTable> answers =
          AnswersCommand.print(session.spark("edpipe-answers"), exam, new ResultWriter(format.format()), spec);
      spec.commandLine().getOut().flush();
      ReportCommand.write(
          session, topic.topic(), exam, Scoring.DICHOTOMOUS, answers, home.directory().resolve("report.html"), out);
    }
    return 0;
  }

  /**
   * The topic, on a local cluster replicated as the cluster allows (3 replicas, 2 in sync for a write) and with a
   * partition for each executor core at least; elsewhere replicated as the cluster replicates a new topic.
   */
  private TopicSpec topicSpec(StackSession session) {
    Optional<Topology> shape = session.topology().filter(candidate -> !candidate.isEmbedded());
    if (shape.isEmpty() || stack.settings().bootstrapServers().isPresent()) {
      return TopicSpec.of(topic.topic(), partitions);
    }
    return TopicSpec.of(topic.topic(), Math.max(partitions, shape.get().sparkExecutorCores()))
        .withReplicationFactor(shape.get().kafkaReplicas())
        .withConfig(Map.of("min.insync.replicas", String.valueOf(shape.get().kafkaMinInSyncReplicas())));
  }

  /** What to publish, each file with its customer (null: none). */
  private Map<Path, String> sources(StackHome home, PrintWriter out) {
    Customers.check(defaultCustomer, "--default-customer");
    if (customer != null) {
      Customers.check(customer, "--customer");
    }
    if (customers != null) {
      if (input != null || customer != null) {
        throw new ParameterException(spec.commandLine(), "--customers spreads the twin: not with --input or --customer");
      }
      if (customers < 1 || customers > 1000) {
        throw new ParameterException(spec.commandLine(), "Invalid value " + customers + " for --customers: 1 to 1000");
      }
      return spreadTwin(home, customers, out);
    }
    Path source = input != null ? input : twin(home, out);
    if (!Files.isRegularFile(source)) {
      throw new PipelineException(ErrorCode.BAD_USAGE, "Cannot run on %s: no such file", source);
    }
    Map<Path, String> sources = new LinkedHashMap<>();
    sources.put(source, customer);
    return sources;
  }

  private void publishOnce(StackSession session, StackHome home, Path source, String owner, PrintWriter out) {
    PublishedInputs published = new PublishedInputs(home.publishedInputsFile());
    String digest = PublishedInputs.sha256(source);
    Optional<PublishedInputs.Entry> before = published.find(digest, topic.topic(), session.bootstrapServers());
    if (before.isPresent() && !republish) {
      out.printf(
          "publish: skipped, %s was published to %s already (%d messages, %s); --republish to send it again%n",
          source, topic.topic(), before.get().messages(), before.get().publishedAt());
      out.flush();
      return;
    }
    PublishResult result = PublishCommand.publish(
            session, topic.topic(), source.toString(), PublishCommand.Input.ATTEMPTS, OnBad.FAIL, null, owner, out);
    published.add(digest, source.toAbsolutePath().toString(), topic.topic(), session.bootstrapServers(), result.published());
  }

  /** The default twin spread over {@code count} customers, generated once into the home: file by customer. */
  private static Map<Path, String> spreadTwin(StackHome home, int count, PrintWriter out) {
    TwinConfig config = TwinConfig.defaults();
    Path whole =
        home.directory().resolve("input").resolve("twin-" + config.seed() + "-" + config.records() + "-of-" + count + ".json");
    Map<Path, String> files = new LinkedHashMap<>();
    for (int i = 1; i <= count; i++) {
      String id = GenerateCommand.customerId(i);
      files.put(GenerateCommand.customerPath(whole, id), id);
    }
    if (files.keySet().stream().allMatch(Files::isRegularFile)) {
      return files;
    }
    try {
      Files.createDirectories(whole.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + whole.getParent(), e);
    }
    TwinGenerator generator = TwinGenerator.create(new TwinConfig(config.seed(), config.records(), TwinFormat.ARRAY));
    for (GenerateCommand.CustomerFile file : GenerateCommand.spread(generator, whole, count)) {
      out.printf("generate: the twin's exams of %s, %d records, in %s%n", file.customer(), file.records(), file.path());
    }
    out.flush();
    return files;
  }

  /** The default twin, generated once into the home. */
  private static Path twin(StackHome home, PrintWriter out) {
    TwinConfig config = TwinConfig.defaults();
    Path file = home.directory().resolve("input").resolve("twin-" + config.seed() + "-" + config.records() + ".json");
    if (Files.isRegularFile(file)) {
      return file;
    }
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      long records;
      try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
        records = TwinGenerator.create(new TwinConfig(config.seed(), config.records(), TwinFormat.ARRAY)).writeTo(stream);
      }
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      out.printf("generate: the twin of the public dataset, %d records, in %s%n", records, file);
      out.flush();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the twin to " + file, e);
    }
  }
}

package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

import io.edpipe.cli.stack.EmbeddedHdfs;
import io.edpipe.cli.stack.Endpoints;
import io.edpipe.cli.stack.StackHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The steps of one run, in order, each engine in a child: generate the events; start the stack; warm the broker
 * up; publish (edpipe, ProducerPerformance); land (edpipe, Spark's best and naive plans, DuckDB, edpipe on one
 * core); the business questions (Spark, DuckDB) and the landed bytes; the publish of a large array file in a small
 * heap. The stack is stopped whatever happens.
 */
final class BenchRun {
  static final String EDPIPE_TOPIC = "bench-edpipe";
  static final String PERF_TOPIC = "bench-perf";
  static final String HEAP_TOPIC = "bench-heap";
  static final String WARM_UP_TOPIC = "bench-warm-up";
  static final int PARTITIONS = 2;
  /** ProducerPerformance reads its whole payload file into one String: at most this many events go in it. */
  static final long MAX_PAYLOADS = 100_000;
  static final long HEAP_PROBE_RECORDS = 10_000;
  /** Publish rounds, edpipe and ProducerPerformance in turn; each one's best counts. */
  static final int PUBLISH_ROUNDS = 2;

  /**
   * edpipe's producer settings (TopicPublisher), for ProducerPerformance: max.request.size is edpipe's
   * max(1 MiB, the topic's max.message.bytes), the broker's default 1048588.
   */
  static final List<String> PRODUCER_SETTINGS =
      List.of(
          "acks=all",
          "enable.idempotence=true",
          "compression.type=lz4",
          "batch.size=262144",
          "linger.ms=20",
          "max.in.flight.requests.per.connection=5",
          "max.request.size=1048588");

  private final BenchConfig config;
  private final BenchCommands commands;
  private final ChildRunner children;
  private final List<String> warnings = new ArrayList<>();

  BenchRun(BenchConfig config, ChildRunner children) {
    this.config = requireNonNull(config, "config is null");
    this.children = requireNonNull(children, "children is null");
    this.commands = new BenchCommands(config);
  }

  BenchResults execute() {
    long start = System.nanoTime();
    MachineDescription machine = MachineDescription.collect(config.root(), config.work());
    EventsFile.Size events = generateEvents();
    try (StackProcess stack = StackProcess.start(children, commands, new StackHome(config.home()))) {
      Endpoints endpoints = stack.endpoints();
      long payloads = Math.min(config.events(), MAX_PAYLOADS);
      Path payloadFile = config.work().resolve("perf-payloads.jsonl");
      EventsFile.head(config.eventsFile(), payloads, payloadFile);
      warmUpBroker(endpoints, payloadFile, payloads);
      Measurement publish = null;
      Measurement producerPerformance = null;
      for (int round = 1; round <= PUBLISH_ROUNDS; round++) {
        // the topic of the last round is the one landed; the others' are deleted
        String topic = round == PUBLISH_ROUNDS ? EDPIPE_TOPIC : EDPIPE_TOPIC + "-" + round;
        publish = faster(publish, publishWithEdpipe(endpoints, topic));
        producerPerformance = faster(producerPerformance, publishWithProducerPerformance(endpoints, payloadFile));
      }
      deleteFile(payloadFile);
      Measurement land = landWithEdpipe(config.sparkMaster(), Optional.empty(), "edpipe land");
      Measurement sparkBest = landWithSparkPlan(endpoints, SparkPlans.Plan.BEST, "Spark best plan");
      Measurement sparkNaive = landWithSparkPlan(endpoints, SparkPlans.Plan.NAIVE, "Spark naive plan");
      Measurement duckdb = landWithDuckDb();
      Measurement landOneCore =
          landWithEdpipe("local[1]", Optional.of(endpoints.hdfsUri() + "/bench/warehouse-1"), "edpipe land, 1 core");
      ChildRunner.Output queries = answerQuestions();
      List<TableStorage> tables = TaggedLine.all("TABLE", queries.lines()).stream().map(TableStorage::of).toList();
      List<QuestionTiming> questions =
          TaggedLine.all("QUESTION", queries.lines()).stream().map(QuestionTiming::of).toList();
      Optional<HeapFigures> heap = config.heapFileGigabytes() > 0 ? Optional.of(publishLargeArray(endpoints)) : Optional.empty();
      return new BenchResults(
          machine, events.lines(), events.jsonBytes(), config.cores(), Duration.ofNanos(System.nanoTime() - start),
          publish, producerPerformance, payloads,
          land.withBytes(tables.stream().mapToLong(TableStorage::bytes).sum()), sparkBest, sparkNaive, duckdb, landOneCore,
          questions, tables, heap, warnings);
    }
  }

  private EventsFile.Size generateEvents() {
    Path file = config.eventsFile();
    children.run(
        commands.edpipe(
            "generate " + config.events() + " events", "generate", "--records", Long.toString(config.events()),
            "--format", "jsonl", "--out", file.toString()));
    EventsFile.Size size = EventsFile.size(file);
    if (size.lines() != config.events()) {
      throw new StepFailedException(
          "generate the events", file + " holds " + size.lines() + " events, not " + config.events(), List.of());
    }
    return size;
  }

  private void createTopic(String topic) {
    children.run(
        commands.edpipe(
            "create topic " + topic, "topic", "create", "--home", home(), "--topic", topic,
            "--partitions", Integer.toString(PARTITIONS)));
  }

  private Measurement publishWithEdpipe(Endpoints endpoints, String topic) {
    createTopic(topic);
    String step = "publish with edpipe to " + topic;
    ChildRunner.Output output =
        children.run(commands.edpipe(step, "publish", "--home", home(), "--topic", topic, config.eventsFile().toString()));
    Measurement measured = read(step, output, () -> ChildLines.publish("edpipe publish", output.lines()));
    if (!topic.equals(EDPIPE_TOPIC)) {
      BenchTopics.delete(endpoints.bootstrapServers(), topic);
    }
    return measured;
  }

  private static Measurement faster(Measurement best, Measurement next) {
    return best == null || next.messagesPerSecond() > best.messagesPerSecond() ? next : best;
  }

  /**
   * The first producer to a fresh broker pays for the broker's own warm-up (its JIT, its first log segments): a
   * throwaway run of ProducerPerformance takes most of that cost, and the publishes then run {@link
   * #PUBLISH_ROUNDS} times in turn, each engine's best counting, so that neither gains from going second.
   */
  private void warmUpBroker(Endpoints endpoints, Path payloadFile, long records) {
    createTopic(WARM_UP_TOPIC);
    producerPerformance("warm the broker up", endpoints, payloadFile, WARM_UP_TOPIC, records);
    BenchTopics.delete(endpoints.bootstrapServers(), WARM_UP_TOPIC);
  }

  private Measurement publishWithProducerPerformance(Endpoints endpoints, Path payloadFile) {
    createTopic(PERF_TOPIC);
    String step = "publish with Kafka's ProducerPerformance";
    ChildRunner.Output output = producerPerformance(step, endpoints, payloadFile, PERF_TOPIC, config.events());
    BenchTopics.delete(endpoints.bootstrapServers(), PERF_TOPIC);
    return read(step, output, () -> ChildLines.producerPerformance("Kafka ProducerPerformance", output.lines()));
  }

  private ChildRunner.Output producerPerformance(
      String step, Endpoints endpoints, Path payloadFile, String topic, long records) {
    List<String> args = new ArrayList<>(List.of(
        "--topic", topic, "--num-records", Long.toString(records), "--throughput", "-1",
        "--payload-file", payloadFile.toString(), "--producer-props", "bootstrap.servers=" + endpoints.bootstrapServers()));
    args.addAll(PRODUCER_SETTINGS);
    return children.run(commands.benchJava(step, "org.apache.kafka.tools.ProducerPerformance", args.toArray(String[]::new)));
  }

  private Measurement landWithEdpipe(String master, Optional<String> warehouse, String engine) {
    String step = "land with edpipe, " + master;
    List<String> args = new ArrayList<>(List.of(
        "land", "--home", home(), "--topic", EDPIPE_TOPIC, "--spark-master", master));
    List<String> jvm = new ArrayList<>(List.of(BenchConfig.HEAP));
    if (warehouse.isPresent()) {
      args.addAll(List.of("--warehouse", warehouse.get()));
      // edpipe gives the home's warehouse the embedded HDFS's client settings, an explicit one not: the same here
      EmbeddedHdfs.CLIENT_SETTINGS.entrySet().stream()
          .map(setting -> "-Dspark.hadoop." + setting.getKey() + "=" + setting.getValue())
          .sorted()
          .forEach(jvm::add);
    }
    ChildRunner.Output output = children.run(commands.edpipeWithJvm(step, jvm, args.toArray(String[]::new)));
    return read(step, output, () -> ChildLines.land(engine, output.lines()));
  }

  private Measurement landWithSparkPlan(Endpoints endpoints, SparkPlans.Plan plan, String engine) {
    String name = plan.name().toLowerCase();
    String step = "land with Spark's " + name + " plan, " + config.sparkMaster();
    ChildRunner.Output output =
        children.run(
            commands.benchJava(
                step, SparkPlans.class.getName(), "--plan", name, "--bootstrap-servers", endpoints.bootstrapServers(),
                "--topic", EDPIPE_TOPIC, "--out", endpoints.hdfsUri() + "/bench/" + name, "--master", config.sparkMaster()));
    return read(step, output, () -> measurement(engine, only("PLAN", output)));
  }

  private Measurement landWithDuckDb() {
    String step = "land with DuckDB";
    ChildRunner.Output output =
        children.run(
            commands.benchJava(
                step, DuckDbLand.class.getName(), "--events", config.eventsFile().toString(),
                "--out", config.work().resolve("duckdb").toString(), "--threads", Integer.toString(config.cores())));
    return read(step, output, () -> measurement("DuckDB", only("DUCKDB", output)));
  }

  private ChildRunner.Output answerQuestions() {
    String step = "answer the business questions with Spark and DuckDB";
    ChildRunner.Output output =
        children.run(
            commands.benchJava(
                step, QueryBench.class.getName(), "--home", home(),
                "--copy-to", config.work().resolve("lake-parquet").toString(),
                "--threads", Integer.toString(config.cores()), "--spark-master", config.sparkMaster()));
    output.lines().stream().filter(line -> line.startsWith("WARNING ")).map(line -> line.substring(8)).forEach(warnings::add);
    if (TaggedLine.all("QUESTION", output.lines()).isEmpty() || TaggedLine.all("TABLE", output.lines()).isEmpty()) {
      throw new StepFailedException(step, "no QUESTION or TABLE lines in its output", output.lines());
    }
    return output;
  }

  private HeapFigures publishLargeArray(Endpoints endpoints) {
    Path probe = config.work().resolve("heap-probe.json");
    children.run(
        commands.edpipe(
            "generate a probe array", "generate", "--records", Long.toString(HEAP_PROBE_RECORDS), "--format", "array",
            "--out", probe.toString()));
    long targetBytes = Math.round(config.heapFileGigabytes() * 1e9);
    HeapFilePlan plan = HeapFilePlan.of(targetBytes, HEAP_PROBE_RECORDS, size(probe));
    deleteFile(probe);
    Path file = config.work().resolve("heap-array.json");
    children.run(
        commands.edpipe(
            String.format(Locale.ROOT, "generate a %.2f GB array (%d events)", config.heapFileGigabytes(), plan.records()), "generate",
            "--records", Long.toString(plan.records()), "--format", "array", "--out", file.toString()));
    long fileBytes = size(file);
    createTopic(HEAP_TOPIC);
    Path gcLog = config.logs().resolve("gc-publish.log");
    String step = "publish the array with " + BenchConfig.SMALL_HEAP;
    ChildRunner.Output output =
        children.run(
            commands.edpipeWithJvm(
                step, List.of(BenchConfig.SMALL_HEAP, "-Xlog:gc:file=" + gcLog), "publish", "--home", home(), "--topic", HEAP_TOPIC,
                file.toString()));
    Measurement publish = read(step, output, () -> ChildLines.publish("edpipe publish, " + BenchConfig.SMALL_HEAP, output.lines()));
    GcLogSummary gc = read(step, output, () -> GcLogSummary.parse(readLines(gcLog)));
    BenchTopics.delete(endpoints.bootstrapServers(), HEAP_TOPIC);
    deleteFile(file);
    return new HeapFigures(fileBytes, BenchConfig.SMALL_HEAP, publish, gc);
  }

  private static Measurement measurement(String engine, TaggedLine line) {
    return new Measurement(
        engine, line.longValue("messages"), line.doubleValue("seconds"),
        Ratios.ratio(line.longValue("messages"), line.doubleValue("seconds")), line.longValue("bytes"));
  }

  private static TaggedLine only(String tag, ChildRunner.Output output) {
    List<TaggedLine> lines = TaggedLine.all(tag, output.lines());
    if (lines.size() != 1) {
      throw new IllegalArgumentException("Cannot find the " + tag + " line in the output (" + lines.size() + " found)");
    }
    return lines.get(0);
  }

  /** Reads a child's figures; what cannot be read fails the step with the end of its output. */
  private static <T> T read(String step, ChildRunner.Output output, Supplier<T> reader) {
    try {
      return reader.get();
    } catch (IllegalArgumentException e) {
      List<String> lines = output.lines();
      throw new StepFailedException(
          step, e.getMessage(), lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
  }

  private String home() {
    return config.home().toString();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot measure " + file, e);
    }
  }

  private static void deleteFile(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + file, e);
    }
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}

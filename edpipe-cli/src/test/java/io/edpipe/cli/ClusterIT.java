package io.edpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edpipe.cli.cluster.LocalCluster;
import io.edpipe.cli.cluster.Topology;
import io.edpipe.cli.stack.EmbeddedStack;
import io.edpipe.cli.stack.Endpoints;
import io.edpipe.cli.stack.StackHome;
import io.edpipe.core.twin.TwinConfig;
import io.edpipe.core.twin.TwinFormat;
import io.edpipe.core.twin.TwinGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The pipeline on a local multi-node cluster, every node its own process: the same answers as the embedded stack,
 * the landing job's tasks on the Spark workers' executors, and nothing lost or doubled when a partition's leader
 * broker dies during publish or landing, or a DataNode during landing. The topology is 3 brokers, 3 DataNodes and
 * 2 Spark workers unless {@code -Dedpipe.cluster.topology=B/D/W} says otherwise; one cluster serves the four tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Topology TOPOLOGY =
      Topology.parse(System.getProperty("edpipe.cluster.topology", "3/3/2"), "-Dedpipe.cluster.topology");
  private static final int RECORDS = Integer.getInteger("edpipe.cluster.records", 20_000);
  private static final String TOPIC = "failover";
  /** Also run the embedded stack here and compare (-Pcluster-full); else compare with the recorded answers. */
  private static final boolean SIDE_BY_SIDE = Boolean.getBoolean("edpipe.cluster.side-by-side");
  private static final Pattern LANDED =
      Pattern.compile("land: (\\d+) messages from \\S+ in .*: (\\d+) attempts, (\\d+) questions, (\\d+) options, (\\d+)"
          + " duplicates, (\\d+) quarantined");
  private static final Pattern DRIVER_LOG = Pattern.compile(", log (\\S+)\\)");

  /** Under target/, kept after the run: each node's log is there when something fails. */
  private final Path directory = Path.of("target", "cluster-it").toAbsolutePath();
  private EmbeddedStack stack;
  private Path home;
  /** keen_id to copies, of everything published to the topic. */
  private final Map<String, Long> published = new HashMap<>();
  /** Messages of the topic landed so far. */
  private long landed;

  /** One cluster for the four tests, started as {@code edpipe up} starts it: each command given the home uses it. */
  @BeforeAll
  void startTheCluster() throws IOException {
    // the first test class of a build: the children's class-data archive is written while the cluster starts
    SharedClasses.prepareInBackground();
    if (Files.exists(directory)) {
      try (Stream<Path> paths = Files.walk(directory)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    Files.createDirectories(directory);
    home = directory.resolve("home");
    StackHome stackHome = new StackHome(home);
    stack = EmbeddedStack.start(stackHome, stackHome.topology(Optional.of(TOPOLOGY)), EnumSet.allOf(EmbeddedStack.Component.class));
    LocalCluster cluster = stack.cluster().orElseThrow();
    new Endpoints(ProcessHandle.current().pid(), stack.bootstrapServers().orElseThrow(), stack.hdfsUri().orElseThrow(),
        stack.warehouse().orElseThrow(), stack.sparkMaster().orElse(null), TOPOLOGY.key(), cluster.pids())
        .writeTo(stackHome.endpointsFile());
  }

  @Test
  @Order(1)
  void theClusterRunAnswersAsTheEmbeddedRun() throws IOException {
    // the home keeps its topology: run takes it, as it would take --brokers 3 --datanodes 2 --spark-workers 1 again
    CliRun cluster = CliRun.of("run", "--home", home.toString(), "--format", "json");
    assertThat(cluster.exitCode()).as(cluster.toString()).isZero();
    assertThat(cluster.err()).contains("stack: a local cluster of " + TOPOLOGY).contains("land: submitted to spark://");
    JsonNode answers = JSON.readTree(cluster.out());
    // the embedded run's answers, as PipelineIT holds that run to them in the same build
    assertThat(answers).isEqualTo(JSON.readTree(ClusterIT.class.getResource("/twin-answers.json")));
    assertThat(answers.get("distinct_attempts").asLong()).isEqualTo(3242);
    if (SIDE_BY_SIDE) {
      CliRun embedded = CliRun.of("run", "--home", directory.resolve("embedded-run").toString(), "--format", "json");
      assertThat(embedded.exitCode()).as(embedded.toString()).isZero();
      assertThat(answers).isEqualTo(JSON.readTree(embedded.out()));
    }

    // the landing job's tasks ran on executors that the workers started, every worker's executor ran some
    Path events = home.resolve("cluster/spark/events");
    List<SparkEventLog> logs;
    try (Stream<Path> files = Files.list(events)) {
      logs = files.map(SparkEventLog::read).filter(log -> "edpipe-land".equals(log.appName())).toList();
    }
    assertThat(logs).hasSize(1);
    SparkEventLog land = logs.get(0);
    assertThat(land.executorHosts()).hasSize(TOPOLOGY.sparkWorkers()).doesNotContainKey("driver");
    assertThat(land.tasksByExecutor().keySet()).containsExactlyInAnyOrderElementsOf(land.executorHosts().keySet());
    assertThat(land.tasksByExecutor().values()).allSatisfy(tasks -> assertThat(tasks).isPositive());
    for (int worker = 1; worker <= TOPOLOGY.sparkWorkers(); worker++) {
      Path appDirectory = home.resolve("cluster/spark/work-" + worker).resolve(land.appId());
      assertThat(appDirectory).as("worker %d ran an executor of %s", worker, land.appId()).isDirectory();
      try (Stream<Path> executors = Files.list(appDirectory)) {
        assertThat(executors.map(path -> path.getFileName().toString()).toList())
            .isNotEmpty()
            .allSatisfy(id -> assertThat(land.executorHosts()).containsKey(id));
      }
    }
  }

  @Test
  @Order(2)
  void publishLosesNothingWhenTheLeaderBrokerDies() throws Exception {
    Path input = twin(7, RECORDS);
    // no --replication-factor: the cluster's default.replication.factor, min(3, brokers); min.insync.replicas is
    // its brokers' default (2 with 3 brokers), as the local cluster's node properties set it
    CliRun created = CliRun.of("topic", "create", "--home", home.toString(), "--topic", TOPIC, "--partitions", "2");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      assertThat(consumer.partitionsFor(TOPIC))
          .hasSize(2)
          .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(TOPOLOGY.kafkaReplicas()));
    }

    try (CliProcess publish =
        CliProcess.start(directory.resolve("logs"), "publish-7", List.of(), "publish", "--home", home.toString(), "--topic",
            TOPIC, input.toString())) {
      // as soon as the first messages are in: most of the publish is still to come
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
          .until(() -> messagesIn(TOPIC) > 0 || !publish.isAlive());
      int leader = stack.cluster().orElseThrow().kafkaLeaderOf(TOPIC, 0).orElseThrow();
      long before = messagesIn(TOPIC);
      assertThat(publish.isAlive()).as("publish still running when the leader dies").isTrue();
      stack.cluster().orElseThrow().killBroker(leader);

      assertThat(publish.waitFor(Duration.ofMinutes(5))).as(publish.toString()).isZero();
      assertThat(before).isLessThan(RECORDS);
      assertThat(stack.cluster().orElseThrow().kafkaLeaderOf(TOPIC, 0)).get().isNotEqualTo(leader);
      stack.cluster().orElseThrow().restartBroker(leader);
    }

    assertThat(keenIdsIn(TOPIC)).isEqualTo(published);
  }

  @Test
  @Order(3)
  void landingLosesNothingWhenTheLeaderBrokerDies() throws Exception {
    int leader = stack.cluster().orElseThrow().kafkaLeaderOf(TOPIC, 1).orElseThrow();
    landWhileKilling(() -> stack.cluster().orElseThrow().killBroker(leader), Duration.ZERO, "land-leader");
    stack.cluster().orElseThrow().restartBroker(leader);

    assertLandedExactlyOnce();
  }

  @Test
  @Order(4)
  void landingGoesOnWhenADataNodeDies() throws Exception {
    Path input = twin(8, RECORDS);
    CliRun publish = CliRun.of("publish", "--home", home.toString(), "--topic", TOPIC, input.toString());
    assertThat(publish.exitCode()).as(publish.toString()).isZero();

    // a moment into the tasks: they have read from Kafka and write their files
    landWhileKilling(() -> stack.cluster().orElseThrow().killDataNode(1), Duration.ofSeconds(2), "land-datanode");

    assertLandedExactlyOnce();
    // and each keen_id published is one attempt (over both landings)
    assertThat(query("SELECT count(*), count(DISTINCT keen_id) FROM attempts WHERE kafka_topic = '" + TOPIC + "'"))
        .isEqualTo(published.size() + "," + published.size());
    await().atMost(Duration.ofMinutes(1)).until(() -> stack.cluster().orElseThrow().liveDataNodes() == TOPOLOGY.dataNodes() - 1);
  }

  /**
   * Lands the topic as a job submitted to the cluster, and runs {@code kill} {@code delay} after its landing tasks
   * have started (the driver's log says so at once).
   */
  private void landWhileKilling(Runnable kill, Duration delay, String name) throws Exception {
    long messagesBefore = landed;
    try (CliProcess land = CliProcess.start(directory.resolve("logs"), name, List.of(), "land", "--home", home.toString(), "--topic", TOPIC)) {
      Path driverLog =
          await().atMost(Duration.ofMinutes(2)).until(() -> driverLog(land.out()), value -> value != null || !land.isAlive());
      assertThat(driverLog).as(land.toString()).isNotNull();
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
          .until(() -> landingTasksStarted(driverLog) || !land.isAlive());
      Thread.sleep(delay.toMillis());
      assertThat(land.isAlive()).as("landing still running when the node dies: " + land).isTrue();
      assertThat(Files.readString(driverLog)).as("the landing tasks still run when the node dies")
          .doesNotContain("finished: collect at BatchFiles");
      kill.run();

      assertThat(land.waitFor(Duration.ofMinutes(8))).as(land.toString()).isZero();
      Matcher summary = LANDED.matcher(land.out());
      assertThat(summary.find()).as(land.out()).isTrue();
      long total = published.values().stream().mapToLong(Long::longValue).sum();
      assertThat(Long.parseLong(summary.group(1))).isEqualTo(total - messagesBefore);
      assertThat(Long.parseLong(summary.group(6))).as("quarantined").isZero();
      landed = total;
    }
  }

  /** The spark-submit log that {@code land} names. */
  private static Path driverLog(String out) {
    Matcher matcher = DRIVER_LOG.matcher(out);
    return matcher.find() ? Path.of(matcher.group(1)) : null;
  }

  /** The driver has started a task of the landing stage (BatchFiles: the tasks that read Kafka and write files). */
  private static boolean landingTasksStarted(Path driverLog) throws IOException {
    String log = Files.readString(driverLog);
    int landing = log.indexOf("BatchFiles.java");
    return landing >= 0 && log.indexOf("Starting task", landing) >= 0;
  }

  /**
   * {@code edpipe verify} of the topic: every offset landed exactly once (attempts, duplicates, quarantine), as many
   * attempts as keen_ids published and the other copies duplicates.
   */
  private void assertLandedExactlyOnce() throws IOException {
    // read in local mode: the cluster's Spark is for the landing; the lake and topic are the cluster's
    CliRun verify =
        CliRun.of("verify", "--home", home.toString(), "--topic", TOPIC, "--spark-master", "local[2]", "--format", "json");
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    Map<String, Long> counts = new HashMap<>();
    for (JsonNode partition : JSON.readTree(verify.out()).get("verify")) {
      for (String table : List.of("attempts", "duplicates", "quarantined", "pending", "missing", "repeated")) {
        counts.merge(table, partition.get(table).asLong(), Long::sum);
      }
    }
    long total = published.values().stream().mapToLong(Long::longValue).sum();
    assertThat(counts)
        .as(verify.toString())
        .containsEntry("attempts", (long) published.size())
        .containsEntry("duplicates", total - published.size())
        .containsEntry("quarantined", 0L)
        .containsEntry("pending", 0L)
        .containsEntry("missing", 0L)
        .containsEntry("repeated", 0L);
  }

  private String query(String sql) {
    CliRun query = CliRun.of("query", "--home", home.toString(), "--spark-master", "local[2]", "--format", "csv", sql);
    assertThat(query.exitCode()).as(query.toString()).isZero();
    String[] lines = query.out().strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  @AfterAll
  void stopCluster() {
    if (stack != null) {
      stack.close();
    }
  }

  /** A twin of {@code records} records as JSON Lines; counts its keen_ids into {@link #published}. */
  private Path twin(long seed, int records) throws IOException {
    Path file = directory.resolve("twin-" + seed + ".jsonl");
    try (OutputStream out = Files.newOutputStream(file)) {
      TwinGenerator.create(new TwinConfig(seed, records, TwinFormat.JSONL)).writeTo(out);
    }
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines.filter(line -> !line.isBlank()).forEach(line -> published.merge(keenId(line.getBytes(StandardCharsets.UTF_8)), 1L, Long::sum));
    }
    return file;
  }

  private static String keenId(byte[] json) {
    try {
      return JSON.readTree(json).path("keen_id").asText();
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + new String(json, StandardCharsets.UTF_8), e);
    }
  }

  private Map<String, Long> keenIdsIn(String topic) {
    Map<String, Long> counts = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          counts.merge(keenId(record.value()), 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  private long messagesIn(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers().orElseThrow());
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}

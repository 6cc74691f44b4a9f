package io.edpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edpipe.core.input.AttemptReader;
import io.edpipe.core.twin.TwinConfig;
import io.edpipe.core.twin.TwinFormat;
import io.edpipe.core.twin.TwinGenerator;
import io.edpipe.kafka.KafkaClientConfig;
import io.edpipe.kafka.TopicPublisher;
import io.edpipe.kafka.TopicPublisherConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults under the real components: edpipe runs in child processes against a Kafka broker and an HDFS in this
 * JVM, which the tests kill, stop and restart. Each test ends with {@code edpipe verify}.
 *
 * <p>The kill test's size comes from {@code -Dedpipe.faults.events} and {@code -Dedpipe.faults.kills} (CI: 10,000
 * events and 6 kills; {@code mvn -B verify -Pfaults-full}: 100,000 and 12).
 */
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class FaultsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EVENTS = Integer.getInteger("edpipe.faults.events", 10_000);
  private static final int KILLS = Integer.getInteger("edpipe.faults.kills", 6);
  private static final long SEED = Long.getLong("edpipe.faults.seed", System.currentTimeMillis());

  @TempDir Path work;

  @Test
  void landsEveryEventOnceThoughTheLanderIsKilledAgainAndAgain() throws Exception {
    System.out.printf("kill test: %d events, %d kills, seed %d (-Dedpipe.faults.seed to repeat)%n", EVENTS, KILLS, SEED);
    Random random = new Random(SEED);
    try (FaultStack stack = FaultStack.start(work)) {
      succeeds(stack.run("topic", "create", "--partitions", "3"));
      Events events = Events.generate(work, EVENTS);
      List<Path> chunks = events.split(work.resolve("chunks"), 40);
      // published from this JVM, spread over about as long as the kills take, so events flow throughout; the rest at
      // once when the kills are over
      Duration pause = Duration.ofMillis(KILLS * 12_000L / chunks.size());
      CountDownLatch killed = new CountDownLatch(1);
      CompletableFuture<Long> publishing = CompletableFuture.supplyAsync(() -> publish(stack, chunks, pause, killed));

      List<String> kills = new ArrayList<>();
      long batchesBetweenKills = 0;
      for (int kill = 0; kill < KILLS; kill++) {
        try (CliProcess lander =
            stack.spawn(
                "lander-" + kill, "land", "--stream", "--trigger", "1s", "--max-messages-per-batch", "1500",
                "--maintain-every", "45s")) {
          // two kills in three at a random moment of the lander's life (start-up, reading, writing, committing); every
          // third a random moment after its first micro-batch landed, in the middle of the next ones
          String when;
          Instant started = Instant.now();
          if (kill % 3 != 2) {
            long delay = 2_000 + random.nextInt(13_000);
            Thread.sleep(delay);
            when = String.format("%.1f s after start", delay / 1000.0);
          } else {
            waitFor(() -> batches(lander) > 0, lander);
            long delay = random.nextInt(4_000);
            Thread.sleep(delay);
            when = String.format("%.1f s after its first micro-batch", delay / 1000.0);
          }
          assertThat(lander.isAlive()).as("the lander dies only when killed: %s", lander).isTrue();
          lander.kill9();
          long batches = batches(lander);
          batchesBetweenKills += batches;
          kills.add(
              String.format(
                  "kill %d: pid %d, %s (lived %.1f s), %d micro-batches landed, publishing %s",
                  kill + 1, lander.pid(), when, Duration.between(started, Instant.now()).toMillis() / 1000.0, batches,
                  publishing.isDone() ? "done" : "running"));
          System.out.println(kills.get(kills.size() - 1));
        }
      }
      killed.countDown();
      assertThat(publishing.get(10, TimeUnit.MINUTES)).isEqualTo(events.count());
      assertThat(batchesBetweenKills).as("micro-batches landed between kills").isGreaterThanOrEqualTo(KILLS / 3);

      // a batch land completes what the last stream left; then a stream lands new events within seconds
      succeeds(stack.run("land"));
      List<Path> samples = Events.split(copySample(work), work.resolve("samples"), 2);
      Duration freshness;
      try (CliProcess stream = stack.spawn("stream", "land", "--stream", "--trigger", "1s", "--maintain-every", "1s")) {
        waitFor(() -> stream.err().contains("Landing stream of"), stream);
        // the first events land with Spark's warm-up, maybe a replay of the last killed lander's micro-batch
        // (adding nothing of it), then maintenance, due after every micro-batch here, under the same lock
        assertThat(publish(stack, samples.subList(0, 1))).isEqualTo(5);
        waitFor(() -> attemptsLanded(stream) == 5, stream);
        waitFor(() -> count(stream, "maintained the tables in") >= count(stream, "batch "), stream);
        // then freshness: published to landed on a warm stream
        Instant published = Instant.now();
        assertThat(publish(stack, samples.subList(1, 2))).isEqualTo(5);
        waitFor(() -> attemptsLanded(stream) == 10, stream);
        freshness = Duration.between(published, Instant.now());
        assertThat(freshness).as("published to landed, with a 1 s trigger").isLessThan(Duration.ofSeconds(40));
        stream.terminate();
        assertThat(stream.waitFor(Duration.ofMinutes(1))).as("stopped by SIGTERM: %s", stream).isNotZero();
      }
      Map<String, Long> counts = verifies(stack, events.count() + 10);
      assertThat(counts.get("attempts")).as("lost").isEqualTo(events.distinctKeenIds() + 10);
      assertThat(counts.get("duplicates")).as("duplicated").isEqualTo(events.count() - events.distinctKeenIds());
      assertThat(counts.get("quarantined")).isZero();
      System.out.printf("freshness: 5 events published to a running stream landed %.1f s later%n", freshness.toMillis() / 1000.0);
      System.out.printf(
          "kill test: %d kills survived, %d micro-batches landed between them; %d events + 10: %d attempts (distinct"
              + " keen_ids %d + 10), %d duplicates (extra copies in the input %d): 0 lost, 0 landed twice%n",
          KILLS, batchesBetweenKills, events.count(), counts.get("attempts"), events.distinctKeenIds(),
          counts.get("duplicates"), events.count() - events.distinctKeenIds());
    }
  }

  private static final java.util.regex.Pattern ATTEMPTS_ADDED = java.util.regex.Pattern.compile(": (\\d+) attempts, ");

  /** The attempts a streaming lander says it added, over all its micro-batches. */
  private static long attemptsLanded(CliProcess lander) {
    return lander.out().lines()
        .map(ATTEMPTS_ADDED::matcher)
        .filter(java.util.regex.Matcher::find)
        .mapToLong(matcher -> Long.parseLong(matcher.group(1)))
        .sum();
  }

  private static long count(CliProcess process, String lineStart) {
    return process.out().lines().filter(line -> line.startsWith(lineStart)).count();
  }

  private static long batches(CliProcess lander) {
    return lander.out().lines().filter(line -> line.startsWith("batch ") && line.contains(" messages from ")).count();
  }

  /** Publishes the chunks with edpipe's publisher; returns the messages published. */
  private static long publish(FaultStack stack, List<Path> chunks) {
    return publish(stack, chunks, Duration.ZERO, new CountDownLatch(0));
  }

  /** Publishes the chunks, pausing between them until {@code unpaused} opens; returns the messages published. */
  private static long publish(FaultStack stack, List<Path> chunks, Duration pause, CountDownLatch unpaused) {
    long published = 0;
    try (TopicPublisher publisher =
        TopicPublisher.create(TopicPublisherConfig.failingOnBad(KafkaClientConfig.of(stack.bootstrapServers()), "assessment-attempts"))) {
      for (Path chunk : chunks) {
        try (AttemptReader reader = AttemptReader.open(chunk)) {
          published += publisher.publish(reader).published();
        }
        try {
          unpaused.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    return published;
  }

  @Test
  void aBrokerRestartDuringPublishLosesAndRepeatsNothing() throws Exception {
    try (FaultStack stack = FaultStack.start(work)) {
      succeeds(stack.run("topic", "create", "--partitions", "2"));
      Events events = Events.generate(work, 20_000);

      try (CliProcess publish = stack.spawn("publish", "publish", events.file().toString())) {
        long published = waitForMessages(stack, 2_000, publish);
        stack.restartKafka(Duration.ofSeconds(5));
        System.out.printf("broker restarted after %d of %d messages%n", published, events.count());
        assertThat(published).as("restarted during the publish").isLessThan(events.count());

        assertThat(publish.waitFor(Duration.ofMinutes(5))).as(publish.toString()).isZero();
        assertThat(publish.out() + publish.err()).contains("publish: " + events.count() + " messages");
        assertThat(publish.err()).as("the producer reports the outage and retries").contains("retrying");
      }
      succeeds(stack.run("land"));
      Map<String, Long> counts = verifies(stack, events.count());
      assertThat(counts.get("attempts")).isEqualTo(events.distinctKeenIds());
      assertThat(counts.get("duplicates")).isEqualTo(events.count() - events.distinctKeenIds());
    }
  }

  @Test
  void hdfsRestartsDuringLandingLeaveNoPartialBatch() throws Exception {
    try (FaultStack stack = FaultStack.start(work);
        FileSystem fs = FileSystem.newInstance(stack.warehouse(), new Configuration())) {
      succeeds(stack.run("topic", "create", "--partitions", "2"));
      Events events = Events.generate(work, 10_000);
      List<Path> halves = events.split(work.resolve("halves"), 2);
      List<String> nodes = List.of("DataNode", "NameNode");
      for (int i = 0; i < nodes.size(); i++) {
        String node = nodes.get(i);
        assertThat(publish(stack, halves.subList(i, i + 1))).isEqualTo(events.count() / 2);
        String attemptsData = stack.warehouse().getPath() + "/assessments/attempts/data";
        int filesBefore = dataFiles(fs, attemptsData).size();
        int exit;
        try (CliProcess land = stack.spawn("land-" + node, "land")) {
          // restart once the batch has written its first table's files, while the other tables are being written
          waitFor(() -> dataFiles(fs, attemptsData).size() > filesBefore, land);
          if (node.equals("DataNode")) {
            stack.hdfs().restartDataNode(Duration.ofSeconds(3));
          } else {
            stack.hdfs().restartNameNode(Duration.ofSeconds(3));
          }
          exit = land.waitFor(Duration.ofMinutes(8));
          System.out.printf(
              "%s restarted during land: exit %d %s%n",
              node, exit, land.err().lines().filter(line -> line.startsWith("edpipe: ")).findFirst().orElse(""));
          if (exit != 0) {
            // a clear error, not a stack trace
            assertThat(land.err()).contains("edpipe: Cannot").doesNotContain("unexpected error");
          }
        }
        if (exit != 0) {
          succeeds(stack.run("land"));
        }
      }
      Map<String, Long> counts = verifies(stack, events.count());
      assertThat(counts.get("attempts")).isEqualTo(events.distinctKeenIds());
      assertThat(counts.get("duplicates")).isEqualTo(events.count() - events.distinctKeenIds());
      everySnapshotIsAWholeBatch(stack);
    }
  }

  @Test
  void aCrashBetweenDataFilesAndCommitLeavesOrphansNobodySeesAndMaintainDeletes() throws Exception {
    try (FaultStack stack = FaultStack.start(work);
        FileSystem fs = FileSystem.newInstance(stack.warehouse(), new Configuration())) {
      succeeds(stack.run("topic", "create", "--partitions", "1"));
      Path sample = copySample(work);
      assertThat(publish(stack, List.of(sample))).isEqualTo(10);
      String attemptsData = stack.warehouse().getPath() + "/assessments/attempts/data";

      CliRun crashed = CliRun.of(withCrash(), stack.args("land"));

      assertThat(crashed.exitCode()).as(crashed.toString()).isEqualTo(137);
      assertThat(crashed.err()).contains(CrashBeforeCommitFileIO.MESSAGE);
      List<String> orphans = dataFiles(fs, attemptsData);
      assertThat(orphans).as("data files written, never committed").isNotEmpty();
      assertThat(query(stack, "SELECT count(*) AS n FROM attempts").get(0).get("n").asLong())
          .as("orphans are not visible")
          .isZero();

      succeeds(stack.run("land"));
      assertThat(dataFiles(fs, attemptsData)).containsAll(orphans).hasSizeGreaterThan(orphans.size());

      CliRun maintain = stack.run("maintain", "--orphans-older-than", "0s", "--format", "json");
      succeeds(maintain);
      JsonNode attempts = rowOf(table(maintain, "maintain"), "table", "attempts");
      assertThat(attempts).as(maintain.out()).isNotNull();
      assertThat(attempts.get("orphans_deleted").asLong()).isGreaterThanOrEqualTo(orphans.size());
      assertThat(dataFiles(fs, attemptsData)).doesNotContainAnyElementsOf(orphans).isNotEmpty();
      assertThat(verifies(stack, 10).get("attempts")).as("after maintain").isEqualTo(10);
    }
  }

  private static Path copySample(Path directory) throws IOException {
    Path sample = directory.resolve("real-sample.jsonl");
    try (InputStream in = FaultsIT.class.getResourceAsStream("/fixtures/real-sample.jsonl")) {
      Files.copy(in, sample);
    }
    return sample;
  }

  private static List<String> withCrash() {
    List<String> options = new ArrayList<>(FaultStack.CHILD_JVM_OPTIONS);
    options.add("-Dspark.sql.catalog.edpipe.io-impl=" + CrashBeforeCommitFileIO.class.getName());
    return options;
  }

  /** For every snapshot of attempts: its rows are exactly the landed rows below the offsets it records. */
  private static void everySnapshotIsAWholeBatch(FaultStack stack) throws IOException {
    JsonNode snapshots =
        query(
            stack,
            "SELECT snapshot_id, summary['edpipe.kafka-offsets'] AS offsets FROM edpipe.assessments.attempts.snapshots"
                + " WHERE summary['edpipe.kafka-offsets'] IS NOT NULL ORDER BY committed_at");
    assertThat(snapshots.size()).isGreaterThanOrEqualTo(2);
    List<String> checks = new ArrayList<>();
    for (JsonNode snapshot : snapshots) {
      JsonNode offsets = JSON.readTree(snapshot.get("offsets").asText()).elements().next();
      List<String> below = new ArrayList<>();
      offsets.fields().forEachRemaining(p -> below.add("(kafka_partition = " + p.getKey() + " AND kafka_offset < " + p.getValue().asLong() + ")"));
      String held = "(" + String.join(" OR ", below) + ")";
      long id = snapshot.get("snapshot_id").asLong();
      checks.add(
          "SELECT " + id + " AS snapshot_id,"
              + " (SELECT count(*) FROM attempts VERSION AS OF " + id + ") AS rows_then,"
              + " (SELECT count(*) FROM attempts VERSION AS OF " + id + " WHERE NOT " + held + ") AS beyond_offsets,"
              + " (SELECT count(*) FROM attempts WHERE " + held + ") AS rows_now");
    }
    for (JsonNode check : query(stack, String.join(" UNION ALL ", checks))) {
      assertThat(check.get("beyond_offsets").asLong()).as("snapshot %s", check).isZero();
      assertThat(check.get("rows_then").asLong()).as("snapshot %s", check).isEqualTo(check.get("rows_now").asLong());
    }
  }

  private static long waitForMessages(FaultStack stack, long atLeast, CliProcess publish) throws Exception {
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
      while (Instant.now().isBefore(deadline)) {
        var partitions = admin.describeTopics(List.of("assessment-attempts")).allTopicNames().get().get("assessment-attempts").partitions();
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new TreeMap<>(
            java.util.Comparator.comparingInt(org.apache.kafka.common.TopicPartition::partition));
        partitions.forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition("assessment-attempts", p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest()));
        long total = admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        if (total >= atLeast) {
          return total;
        }
        assertThat(publish.isAlive()).as("publishing: %s", publish).isTrue();
        Thread.sleep(50);
      }
      throw new AssertionError("fewer than " + atLeast + " messages published in 2 minutes: " + publish);
    }
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void waitFor(Condition condition, CliProcess process) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (!condition.holds()) {
      assertThat(process.isAlive()).as("still running: %s", process).isTrue();
      assertThat(Instant.now()).as("waited 5 minutes: %s", process).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private static List<String> dataFiles(FileSystem fs, String directory) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(directory);
    List<String> files = new ArrayList<>();
    if (!fs.exists(path)) {
      return files;
    }
    RemoteIterator<LocatedFileStatus> listing = fs.listFiles(path, true);
    while (listing.hasNext()) {
      String name = listing.next().getPath().toUri().getPath();
      if (name.endsWith(".parquet")) {
        files.add(name);
      }
    }
    return files;
  }

  /** Runs {@code edpipe verify}, which must hold for {@code offsets} offsets; returns the rows per table it counted. */
  private static Map<String, Long> verifies(FaultStack stack, long offsets) throws IOException {
    CliRun verify = stack.run("verify", "--format", "json");
    succeeds(verify);
    assertThat(verify.err()).contains("verify: holds: " + offsets + " offsets");
    Map<String, Long> counts = new TreeMap<>();
    for (JsonNode partition : JSON.readTree(verify.out()).get("verify")) {
      for (String table : List.of("attempts", "duplicates", "quarantined", "pending", "missing", "repeated")) {
        counts.merge(table, partition.get(table).asLong(), Long::sum);
      }
    }
    assertThat(counts).containsEntry("pending", 0L).containsEntry("missing", 0L).containsEntry("repeated", 0L);
    return counts;
  }

  private static JsonNode query(FaultStack stack, String sql) throws IOException {
    CliRun run = stack.run("query", "--format", "json", "--max-rows", "100000", sql);
    succeeds(run);
    return JSON.readTree(run.out()).get("result");
  }

  private static JsonNode table(CliRun run, String name) throws IOException {
    return JSON.readTree(run.out()).get(name);
  }

  private static JsonNode rowOf(JsonNode rows, String key, String value) {
    for (JsonNode row : rows) {
      if (row.path(key).asText().equals(value)) {
        return row;
      }
    }
    return null;
  }

  private static void succeeds(CliRun run) {
    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  /** Generated twin events, as JSON Lines, and what landing them must give. */
  private record Events(Path file, long count, long distinctKeenIds) {
    static Events generate(Path directory, int records) throws IOException {
      Path file = directory.resolve("events-" + records + ".jsonl");
      // as edpipe generate --records N --format jsonl writes them, without a JVM of its own for it
      try (OutputStream out = Files.newOutputStream(file)) {
        TwinGenerator.create(new TwinConfig(TwinConfig.defaults().seed(), records, TwinFormat.JSONL)).writeTo(out);
      }
      Set<String> keenIds = new HashSet<>();
      long count = 0;
      try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
        for (String line : (Iterable<String>) lines::iterator) {
          keenIds.add(JSON.readTree(line).get("keen_id").asText());
          count++;
        }
      }
      return new Events(file, count, keenIds.size());
    }

    /** The events in {@code parts} files of consecutive lines. */
    List<Path> split(Path directory, int parts) throws IOException {
      return split(file, directory, parts);
    }

    static List<Path> split(Path file, Path directory, int parts) throws IOException {
      Files.createDirectories(directory);
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      int size = (lines.size() + parts - 1) / parts;
      List<Path> files = new ArrayList<>();
      for (int part = 0; part * size < lines.size(); part++) {
        Path chunk = directory.resolve("part-" + part + ".jsonl");
        Files.write(chunk, lines.subList(part * size, Math.min(lines.size(), (part + 1) * size)), StandardCharsets.UTF_8);
        files.add(chunk);
      }
      return files;
    }
  }
}

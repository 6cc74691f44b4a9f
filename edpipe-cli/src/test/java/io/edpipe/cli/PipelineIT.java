package io.edpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edpipe.cli.stack.Endpoints;
import io.edpipe.core.twin.PublishedFigures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline through the command line, on the real embedded Kafka, HDFS and Spark. */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class PipelineIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> REPORT_CHARTS =
      List.of(
          "attempts-per-exam",
          "score-distribution",
          "questions-per-attempt",
          "score-by-exam",
          "attempts-over-time",
          "facility-discrimination");
  /** The rows of each table, as columns rows_in_TABLE. */
  private static final String COUNTS =
      "(SELECT count(*) FROM attempts) AS rows_in_attempts, (SELECT count(*) FROM questions) AS rows_in_questions,"
          + " (SELECT count(*) FROM options) AS rows_in_options, (SELECT count(*) FROM duplicates) AS rows_in_duplicates,"
          + " (SELECT count(*) FROM quarantine) AS rows_in_quarantine";
  /** Screenshots of the reports, kept for a person to look at. */
  private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

  @TempDir static Path work;

  private static Path sample;

  @BeforeAll
  static void copySample() throws IOException {
    sample = work.resolve("real-sample.jsonl");
    try (InputStream in = PipelineIT.class.getResourceAsStream("/fixtures/real-sample.jsonl")) {
      Files.copy(in, sample);
    }
  }

  @Test
  void landsTheRealSampleFieldByFieldAndNothingTwice() throws IOException {
    String home = work.resolve("sample-home").toString();
    Path workingDirectory = Files.createDirectories(work.resolve("working-directory"));

    CliRun first =
        CliRun.in(workingDirectory, List.of(), "run", "--home", home, "--input", sample.toString(), "--format", "json");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    // everything a run writes is under its home: Spark 4.0.0 left an empty artifacts/ in the working directory
    try (Stream<Path> left = Files.list(workingDirectory)) {
      assertThat(left).as("what the run left in its working directory").isEmpty();
    }
    assertThat(JSON.readTree(first.out()).path("messages").asLong()).as(first.toString()).isEqualTo(10);
    assertThat(first.err()).contains("publish: 10 messages").contains("land: 10 messages");
    Path report = Path.of(home, "report.html");
    assertThat(first.err()).contains("report: " + report.toAbsolutePath());
    RenderedReport.of(report, SCREENSHOTS.resolve("real-sample.png")).assertEveryChartDrawn(REPORT_CHARTS);
    assertThat(Files.readString(report)).contains("Introduction to Python", "Normal Forms and All That Jazz Master Class");
    // one query (each command is a JVM that starts Spark): the table counts, an attempt and one of its options
    JsonNode attempt =
        query(
                home,
                "SELECT a.*, " + COUNTS + ", o.option_id AS option_id, o.checked AS option_checked,"
                    + " o.correct AS option_correct, o.submitted AS option_submitted, o.at AS option_at"
                    + " FROM attempts a JOIN options o ON o.keen_id = a.keen_id"
                    + " AND o.question_id = 'bbed4358-999d-4462-9596-bad5173a6ecb' AND o.position = 1"
                    + " WHERE a.keen_id = '5a6745820eb8ab00016be1f1'")
            .get(0);
    assertThat(counts(attempt))
        .isEqualTo(Map.of("attempts", 10, "questions", 40, "options", 153, "duplicates", 0, "quarantine", 0));
    assertThat(attempt.get("user_exam_id").asText()).isEqualTo("6d4089e4-bde5-4a22-b65f-18bce9ab79c8");
    assertThat(attempt.get("base_exam_id").asText()).isEqualTo("37f0a30a-7464-11e6-aa92-a8667f27e5dc");
    assertThat(attempt.get("exam_name").asText()).isEqualTo("Normal Forms and All That Jazz Master Class");
    assertThat(attempt.get("started_at").asText()).isEqualTo("2018-01-23T14:23:19.082Z");
    // "keen_timestamp":"1516717442.735266" in the message
    assertThat(attempt.get("keen_timestamp").asText()).isEqualTo("2018-01-23T14:24:02.735266Z");
    assertThat(attempt.get("keen_created_at").asText()).isEqualTo("2018-01-23T14:24:02.735266Z");
    assertThat(attempt.get("max_attempts").asDouble()).isEqualTo(1.0);
    assertThat(attempt.get("certification").asBoolean()).isFalse();
    assertThat(attempt.get("sequence_id").asText()).isEqualTo("5b28a462-7a3b-42e0-b508-09f3906d1703");
    assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
    assertThat(attempt.get("question_count").asInt()).isEqualTo(4);
    // "counts":{"incomplete":1,"submitted":4,"incorrect":1,"all_correct":false,"correct":2,"total":4,"unanswered":0}
    assertThat(List.of("correct", "incorrect", "unanswered", "incomplete", "submitted", "total"))
        .map(field -> attempt.get(field).asInt())
        .containsExactly(2, 1, 0, 1, 4, 4);
    assertThat(attempt.get("all_correct").asBoolean()).isFalse();
    assertThat(attempt.get("score").asDouble()).isEqualTo(0.5);
    assertThat(attempt.get("kafka_topic").asText()).isEqualTo("assessment-attempts");
    JsonNode option = attempt;
    // {"checked":true,"at":"2018-01-23T14:23:30.116Z","id":"a35d0e80-...","submitted":1}: a wrong answer chosen
    assertThat(option.get("option_id").asText()).isEqualTo("a35d0e80-8c49-415d-b8cb-c21a02627e2b");
    assertThat(option.get("option_checked").asBoolean()).isTrue();
    assertThat(option.get("option_correct").asBoolean()).isFalse();
    assertThat(option.get("option_submitted").asBoolean()).isTrue();
    assertThat(option.get("option_at").asText()).isEqualTo("2018-01-23T14:23:30.116Z");

    CliRun again = CliRun.of("run", "--home", home, "--input", sample.toString(), "--format", "json");

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.err()).contains("publish: skipped").contains("land: nothing new");
    // the answers of the second run count the tables again (a query of its own would start another JVM)
    JsonNode answers = JSON.readTree(again.out());
    assertThat(List.of("messages", "distinct_attempts", "duplicate_messages", "quarantined_messages"))
        .map(id -> answers.get(id).asLong())
        .containsExactly(10L, 10L, 0L, 0L);

    // item analysis of the real records: Introduction to Python has two attempts of the same five questions, one
    // all right and one all wrong: every question has facility 0.5 and discrimination index 100 (TestItemStatistics)
    CliRun items = CliRun.of("items", "--home", home, "--format", "csv");
    assertThat(items.exitCode()).as(items.toString()).isZero();
    List<String> lines = items.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "exam_name,question_id,attempts,facility,sd,discrimination_index,discriminative_efficiency,"
                + "effective_weight,scoring");
    // 27 questions in 7 exams: 4 + 4 + 4 + 5 + 1 + 5 + 4
    assertThat(lines).hasSize(1 + 27);
    List<String[]> python =
        lines.stream().filter(line -> line.startsWith("Introduction to Python,")).map(line -> line.split(",")).toList();
    assertThat(python).hasSize(5);
    for (String[] question : python) {
      assertThat(question[2]).isEqualTo("2");
      assertThat(Double.parseDouble(question[3])).isEqualTo(0.5);
      assertThat(Double.parseDouble(question[4])).isCloseTo(Math.sqrt(0.5), offset(1e-12));
      assertThat(Double.parseDouble(question[5])).isCloseTo(100, offset(1e-9));
      assertThat(Double.parseDouble(question[6])).isCloseTo(100, offset(1e-9));
      assertThat(Double.parseDouble(question[7])).isCloseTo(20, offset(1e-9));
      assertThat(question[8]).isEqualTo("dichotomous");
    }
  }

  @Test
  void theTwinAnswersThePublishedFigures() throws IOException {
    Path home = work.resolve("twin-home");
    CliRun run = CliRun.of("run", "--home", home.toString(), "--format", "json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    Path report = home.resolve("report.html");
    assertThat(run.err()).contains("report: " + report.toAbsolutePath());
    RenderedReport.of(report, SCREENSHOTS.resolve("twin.png")).assertEveryChartDrawn(REPORT_CHARTS);
    assertThat(Files.readString(report))
        .contains("Learning Git: 390 attempts, 5 questions, CIC", "5 attempts without sequences.counts");
    assertTwinItemAnalysis(home);
    JsonNode answers = JSON.readTree(run.out());
    // all of them, as recorded: ClusterIT holds the local cluster's answers to the same file
    assertThat(answers).isEqualTo(JSON.readTree(PipelineIT.class.getResource("/twin-answers.json")));
    assertThat(answers.get("messages").asLong()).isEqualTo(PublishedFigures.RECORDS);
    assertThat(answers.get("distinct_attempts").asLong()).isEqualTo(PublishedFigures.DISTINCT_USER_EXAM_IDS);
    assertThat(answers.get("distinct_user_exam_ids").asLong()).isEqualTo(PublishedFigures.DISTINCT_USER_EXAM_IDS);
    assertThat(answers.get("duplicate_messages").asLong()).isEqualTo(PublishedFigures.DUPLICATE_ROWS);
    assertThat(rows(answers.get("duplicated_attempts"), "copies", "attempts"))
        .isEqualTo(
            Map.of(
                "3", String.valueOf(PublishedFigures.USER_EXAM_IDS_SEEN_THREE_TIMES),
                "2", String.valueOf(PublishedFigures.USER_EXAM_IDS_SEEN_TWICE)));
    assertThat(answers.get("quarantined_messages").asLong()).isZero();
    assertThat(answers.get("exams").asLong()).isEqualTo(PublishedFigures.EXAM_NAMES);
    assertThat(answers.get("base_exam_ids").asLong()).isEqualTo(PublishedFigures.BASE_EXAM_IDS);
    JsonNode mostCommon = answers.get("most_common_exams_by_messages").get(0);
    assertThat(mostCommon.get("exam_name").asText()).isEqualTo(PublishedFigures.MOST_COMMON_EXAM);
    assertThat(mostCommon.get("messages").asLong()).isEqualTo(PublishedFigures.MOST_COMMON_EXAM_RECORDS);
    assertThat(mostCommon.get("attempts").asLong()).isEqualTo(PublishedFigures.MOST_COMMON_EXAM_DISTINCT_RECORDS);
    assertThat(names(answers.get("least_common_exams_by_messages")))
        .containsExactlyInAnyOrderElementsOf(PublishedFigures.LEAST_COMMON_EXAMS);
    JsonNode learningGit = answers.get("exam_attempts").get(0);
    assertThat(learningGit.get("messages").asLong()).isEqualTo(PublishedFigures.MOST_COMMON_EXAM_RECORDS);
    JsonNode byMessages = answers.get("percent_correct").get(1);
    assertThat(byMessages.get("rows_counted").asText()).isEqualTo("messages");
    assertThat(byMessages.get("rows").asLong()).isEqualTo(PublishedFigures.RECORDS_WITH_COUNTS);
    assertThat(byMessages.get("sum_correct").asLong()).isEqualTo(PublishedFigures.SUM_CORRECT);
    assertThat(byMessages.get("sum_total").asLong()).isEqualTo(PublishedFigures.SUM_TOTAL);
    assertThat(byMessages.get("ratio_of_sums_pct").decimalValue()).isEqualByComparingTo(PublishedFigures.SCORE_PERCENT);
    assertThat(byMessages.get("mean_of_ratios_pct").decimalValue())
        .isEqualByComparingTo(PublishedFigures.MEAN_SCORE_PERCENT);
    assertThat(rows(answers.get("all_correct"), "value", "messages"))
        .isEqualTo(
            Map.of(
                "true", String.valueOf(PublishedFigures.ALL_CORRECT_TRUE),
                "false", String.valueOf(PublishedFigures.ALL_CORRECT_FALSE),
                "missing", String.valueOf(PublishedFigures.ALL_CORRECT_MISSING)));
    Map<String, String> questions = new TreeMap<>();
    PublishedFigures.QUESTIONS_PER_ATTEMPT.forEach((count, records) -> questions.put(count.toString(), records.toString()));
    questions.put("missing", String.valueOf(PublishedFigures.RECORDS_WITHOUT_COUNTS));
    assertThat(rows(answers.get("questions_per_attempt"), "value", "messages")).isEqualTo(questions);
    assertThat(rows(answers.get("certification"), "value", "messages"))
        .isEqualTo(
            Map.of(
                "false", String.valueOf(PublishedFigures.CERTIFICATION_FALSE),
                "null", String.valueOf(PublishedFigures.CERTIFICATION_ABSENT)));
    JsonNode range = answers.get("started_at_range").get(0);
    assertThat(range.get("first").asText()).startsWith(PublishedFigures.STARTED_AT_MIN_MINUTE.toString().replace(":00Z", ""));
    assertThat(range.get("last").asText()).startsWith(PublishedFigures.STARTED_AT_MAX_MINUTE.toString().replace(":00Z", ""));
    JsonNode withoutCounts = answers.get("records_without_counts").get(0);
    assertThat(withoutCounts.get("exam_name").asText()).isEqualTo(PublishedFigures.TEST_EXAM_NAME);
    assertThat(withoutCounts.get("base_exam_id").asText()).isEqualTo(PublishedFigures.TEST_BASE_EXAM_ID);
    assertThat(withoutCounts.get("messages").asLong()).isEqualTo(PublishedFigures.RECORDS_WITHOUT_COUNTS);
  }

  /** Learning Git in the twin: 390 distinct attempts of one fixed form of 5 questions. */
  private static void assertTwinItemAnalysis(Path home) throws IOException {
    CliRun items =
        CliRun.of(
            "items", "--home", home.toString(), "--exam", "Learning Git", "--stats", "exams,questions,options",
            "--format", "json");
    assertThat(items.exitCode()).as(items.toString()).isZero();
    JsonNode result = JSON.readTree(items.out());
    JsonNode exam = result.get("exam_stats").get(0);
    assertThat(exam.get("attempts").asLong()).isEqualTo(PublishedFigures.MOST_COMMON_EXAM_DISTINCT_RECORDS);
    assertThat(exam.get("questions").asInt()).isEqualTo(5);
    assertThat(exam.get("form").asText()).isEqualTo("fixed");
    assertThat(exam.get("cic").asDouble()).isBetween(-1000.0, 100.0);
    JsonNode questions = result.get("item_stats");
    assertThat(questions).hasSize(5);
    double weights = 0;
    double meanFacility = 0;
    for (JsonNode question : questions) {
      assertThat(question.get("attempts").asLong()).isEqualTo(PublishedFigures.MOST_COMMON_EXAM_DISTINCT_RECORDS);
      assertThat(question.get("facility").asDouble()).isBetween(0.0, 1.0);
      weights += question.get("effective_weight").asDouble();
      meanFacility += question.get("facility").asDouble() / 5;
    }
    // effective weights share 100 % between the questions; the mean facility is the mean total over 5 marks
    assertThat(weights).isCloseTo(100, offset(1e-9));
    assertThat(meanFacility * 5).isCloseTo(exam.get("mean").asDouble(), offset(1e-9));
    JsonNode options = result.get("option_stats");
    assertThat(options.size()).isGreaterThanOrEqualTo(5 * 2);
    for (JsonNode option : options) {
      assertThat(option.get("attempts").asLong()).isEqualTo(PublishedFigures.MOST_COMMON_EXAM_DISTINCT_RECORDS);
      assertThat(option.get("checked_share").asDouble()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void stepByStepAgainstARunningStack() throws Exception {
    Path home = work.resolve("up-home");
    Process up = startUp(home);
    try {
      await().atMost(Duration.ofMinutes(3)).until(() -> Endpoints.ofRunningStack(home.resolve("endpoints.json")).isPresent());
      String h = home.toString();

      CliRun create = CliRun.of("topic", "create", "--home", h, "--partitions", "3");
      assertThat(create.exitCode()).as(create.toString()).isZero();
      assertThat(create.out()).contains("topic assessment-attempts: created");

      CliRun publish = CliRun.of("publish", "--home", h, sample.toString());
      assertThat(publish.exitCode()).as(publish.toString()).isZero();
      assertThat(publish.out()).contains("publish: 10 messages");

      CliRun consume = CliRun.of("consume", "--home", h, "--partition", "0", "--max", "2", "--metadata");
      assertThat(consume.exitCode()).as(consume.toString()).isZero();
      List<JsonNode> consumed = new ArrayList<>();
      for (String line : consume.out().lines().toList()) {
        consumed.add(JSON.readTree(line));
      }
      assertThat(consumed).hasSize(2);
      assertThat(consumed).extracting(m -> m.get("offset").asLong()).containsExactly(0L, 1L);
      assertThat(consumed).allSatisfy(m -> assertThat(m.get("partition").asInt()).isZero());
      List<String> lines = Files.readAllLines(sample);
      for (JsonNode message : consumed) {
        // the value is the attempt exactly as published, keyed by its keen_id
        assertThat(lines).contains(message.get("value").asText());
        assertThat(message.get("value").asText()).contains("\"keen_id\":\"" + message.get("key").asText() + "\"");
      }

      CliRun describe = CliRun.of("topic", "describe", "--home", h);
      assertThat(describe.exitCode()).as(describe.toString()).isZero();
      assertThat(describe.out()).contains("3 partitions, 10 messages");

      CliRun land = CliRun.of("land", "--home", h);
      assertThat(land.exitCode()).as(land.toString()).isZero();
      assertThat(land.out()).contains("land: 10 messages").contains("10 attempts, 40 questions, 153 options");

      // verify runs once, after the raw messages too (each command that reads the lake is a JVM that starts Spark)

      // Another producer: lines sent as they are, without keys, checked only when they land
      Path raw = home.getParent().resolve("raw.txt");
      Files.writeString(raw, "not json\n\n" + lines.get(0) + "\n");
      CliRun publishRaw = CliRun.of("publish", "--home", h, "--raw", raw.toString());
      assertThat(publishRaw.exitCode()).as(publishRaw.toString()).isZero();
      assertThat(publishRaw.out()).contains("publish: 3 messages");
      CliRun landRaw = CliRun.of("land", "--home", h);
      assertThat(landRaw.exitCode()).as(landRaw.toString()).isZero();
      assertThat(landRaw.out()).contains("land: 3 messages").contains("0 attempts").contains("1 duplicates, 2 quarantined");
      CliRun verifyRaw = CliRun.of("verify", "--home", h);
      assertThat(verifyRaw.exitCode()).as(verifyRaw.toString()).isZero();
      assertThat(verifyRaw.out()).contains("verify: holds: 13 offsets");

      CliRun status = CliRun.of("status", "--home", h, "--format", "json");
      assertThat(status.exitCode()).as(status.toString()).isZero();
      JsonNode statusJson = JSON.readTree(status.out());
      long lag = 0;
      long landedOffsets = 0;
      for (JsonNode partition : statusJson.get("partitions")) {
        lag += partition.get("lag").asLong();
        landedOffsets += partition.get("landed").asLong();
      }
      assertThat(lag).isZero();
      assertThat(landedOffsets).isEqualTo(13);
      assertThat(statusJson.get("quarantine_by_reason")).hasSize(2);
      assertThat(statusJson.get("lander").asText()).as("no lander left its lock").isEqualTo("nobody");
      // standard tools see the same: the consumer group holds the landed offsets
      try (Admin admin =
          Admin.create(
              Map.<String, Object>of(
                  "bootstrap.servers", Endpoints.ofRunningStack(home.resolve("endpoints.json")).orElseThrow().bootstrapServers()))) {
        long committed =
            admin.listConsumerGroupOffsets("edpipe-lander").partitionsToOffsetAndMetadata().get().values().stream()
                .mapToLong(OffsetAndMetadata::offset)
                .sum();
        assertThat(committed).isEqualTo(13);
      }

      CliRun query = CliRun.of("query", "--home", h, "--format", "csv", "SELECT count(*) AS n FROM options");
      assertThat(query.exitCode()).as(query.toString()).isZero();
      assertThat(query.out()).isEqualTo("n\n153\n");

      CliRun badQuery = CliRun.of("query", "--home", h, "SELECT nope FROM attempts");
      assertThat(badQuery.exitCode()).isEqualTo(2);
      assertThat(badQuery.err()).contains("Cannot run the query").contains("nope");
    } finally {
      up.destroy(); // SIGTERM: the shutdown hook stops the stack and removes endpoints.json
      assertThat(up.waitFor(2, TimeUnit.MINUTES)).isTrue();
    }
    assertThat(home.resolve("endpoints.json")).doesNotExist();

    // After the stack is down, answers starts the HDFS it needs from the home.
    CliRun answers = CliRun.of("answers", "--home", home.toString(), "--format", "json", "--exam", "Learning Git");
    assertThat(answers.exitCode()).as(answers.toString()).isZero();
    JsonNode json = JSON.readTree(answers.out());
    assertThat(json.get("messages").asLong()).isEqualTo(13); // 10 attempts, 1 duplicate, 2 quarantined
    assertThat(json.get("exam_attempts").get(0).get("attempts").asLong()).isEqualTo(1);
  }

  @Test
  void reportsBadUsageWithExitCodeTwo() {
    CliRun missing = CliRun.of("run", "--home", work.resolve("bad-home").toString(), "--input", "/no/such/file.json");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("Cannot run on /no/such/file.json: no such file");

    CliRun unknown = CliRun.of("land", "--no-such-option");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown option: '--no-such-option'");
  }

  private static Process startUp(Path home) throws IOException {
    return new ProcessBuilder(CliRun.command("up", "--home", home.toString()))
        .redirectErrorStream(true)
        .redirectOutput(home.getParent().resolve("up.log").toFile())
        .start();
  }

  private static Map<String, Integer> counts(String home) throws IOException {
    return counts(query(home, "SELECT " + COUNTS).get(0));
  }

  /** The counts of {@link #COUNTS} in a row. */
  private static Map<String, Integer> counts(JsonNode row) {
    Map<String, Integer> counts = new TreeMap<>();
    row.fields().forEachRemaining(field -> {
      if (field.getKey().startsWith("rows_in_")) {
        counts.put(field.getKey().substring("rows_in_".length()), field.getValue().asInt());
      }
    });
    return counts;
  }

  private static JsonNode query(String home, String sql) throws IOException {
    CliRun run = CliRun.of("query", "--home", home, "--format", "json", sql);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return JSON.readTree(run.out()).get("result");
  }

  private static Map<String, String> rows(JsonNode table, String key, String value) {
    Map<String, String> rows = new TreeMap<>();
    table.forEach(row -> rows.put(row.get(key).asText(), row.get(value).asText()));
    return rows;
  }

  private static List<String> names(JsonNode table) {
    List<String> names = new ArrayList<>();
    table.forEach(row -> names.add(row.get("exam_name").asText()));
    return names;
  }
}

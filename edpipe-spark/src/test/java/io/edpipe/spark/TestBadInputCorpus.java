package io.edpipe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad message we know of, landed in one batch: each lands (with the normalisation named here) or
 * goes to quarantine with a stable reason, none stops the batch, and the offsets balance.
 */
class TestBadInputCorpus {
  private static final String TOPIC = "corpus";
  private static final List<String> SAMPLE = Fixtures.realSample();
  private static final String REAL = SAMPLE.get(0);
  private static final String REAL_ID = "5a6745820eb8ab00016be1f1";

  @TempDir static Path warehouse;

  private static SparkSession spark;
  /** Offset -> what the message is. */
  private static final Map<Long, String> KINDS = new LinkedHashMap<>();
  /** Offset -> where it must go: attempts, duplicates, or quarantine:reason. */
  private static final Map<Long, String> EXPECTED = new LinkedHashMap<>();

  private static final int MICRO_BATCH = 5;
  private static InMemoryMessageSource source;

  @BeforeAll
  static void landTheCorpus() {
    spark = Fixtures.session(warehouse, "test-corpus");
    source = new InMemoryMessageSource(TOPIC, 1);
    add("a real record", REAL, "attempts");
    add("invalid JSON", "not json", "quarantine:invalid_json");
    add("truncated JSON", REAL.substring(0, REAL.length() / 2), "quarantine:invalid_json");
    add("empty message (zero bytes)", new byte[0], "quarantine:empty_message");
    add("no value (tombstone)", (byte[]) null, "quarantine:empty_message");
    add("only whitespace", " \n\t ", "quarantine:empty_message");
    add("a top-level array", "[1,2,3]", "quarantine:not_an_object");
    add("a top-level string", "\"attempt\"", "quarantine:not_an_object");
    add("a top-level number", "42", "quarantine:not_an_object");
    add("a top-level null", "null", "quarantine:not_an_object");
    add("a top-level boolean", "true", "quarantine:not_an_object");
    add("missing keen_id", REAL.replace("\"keen_id\":\"" + REAL_ID + "\",", ""), "quarantine:missing_keen_id");
    add("empty keen_id", REAL.replace(REAL_ID, ""), "quarantine:missing_keen_id");
    add("null keen_id", REAL.replace("\"" + REAL_ID + "\"", "null"), "quarantine:missing_keen_id");
    add("questions not an array", "{\"keen_id\":\"q1\",\"sequences\":{\"questions\":{\"id\":\"x\"}}}", "quarantine:bad_field_type");
    add("counts as a string", "{\"keen_id\":\"c1\",\"sequences\":{\"counts\":\"4\"}}", "quarantine:bad_field_type");
    add("a boolean as \"yes\"", other(1).replaceFirst("\"user_correct\":(true|false)", "\"user_correct\":\"yes\""), "quarantine:bad_field_type");
    add("unparsable started_at", other(2).replaceFirst("\"started_at\":\"[^\"]+\"", "\"started_at\":\"23/01/2018\""), "quarantine:bad_timestamp");
    add("unparsable epoch string", other(3).replaceFirst("\"keen_timestamp\":\"[^\"]+\"", "\"keen_timestamp\":\"yesterday\""), "quarantine:bad_timestamp");
    add("an option time without a zone", other(4).replaceFirst("\"at\":\"([^\"Z]+)Z\"", "\"at\":\"$1\""), "quarantine:bad_timestamp");
    add("non-UTF-8 bytes", latin1("{\"keen_id\":\"caf\u00e9\"}"), "quarantine:not_utf8");
    add("a UTF-8 byte order mark (dropped, lands)", "\uFEFF" + other(5), "attempts");
    add("NaN as a JSON token", "{\"keen_id\":\"n1\",\"max_attempts\":NaN}", "quarantine:invalid_json");
    add("Infinity as a string", "{\"keen_id\":\"n2\",\"max_attempts\":\"Infinity\"}", "quarantine:bad_number");
    add("a fractional count", "{\"keen_id\":\"n3\",\"sequences\":{\"counts\":{\"total\":\"4.5\"}}}", "quarantine:bad_number");
    add("a depth bomb", "{\"keen_id\":\"d1\",\"x\":" + "[".repeat(3000) + "]".repeat(3000) + "}", "quarantine:invalid_json");
    add("a 20,000-question attempt (lands)", bigAttempt(20_000), "attempts");
    add("a 1 MB string (lands)", "{\"keen_id\":\"h1\",\"exam_name\":\"" + "x".repeat(1 << 20) + "\"}", "attempts");
    add("unknown extra fields (kept in extra_fields, lands)", other(6).replace("{\"keen_timestamp\"", "{\"proctor\":{\"id\":7},\"keen_timestamp\""), "attempts");
    add("duplicate keys", "{\"keen_id\":\"k1\",\"keen_id\":\"k2\"}", "quarantine:duplicate_key");
    add("an exact copy of a landed attempt", REAL, "duplicates");
    add("the same keen_id with other content (first copy wins)", REAL.replace("\"attempt\":1", "\"attempt\":2"), "duplicates");
    add("counts that disagree with the questions (flagged, lands)", other(7).replaceFirst("\"total\":(\\d+)", "\"total\":99"), "attempts");
    add("null in every field (lands as nulls)", nullsEverywhere(), "attempts");
    add("trailing content after the object", "{\"keen_id\":\"t9\"} {\"keen_id\":\"t10\"}", "quarantine:invalid_json");
    // landed as a stream lands them, in micro-batches (of 5): no bad message stops one
    IcebergLander lander = new IcebergLander(spark, source, TOPIC);
    IcebergLander.createTables(spark);
    try (LanderLock lock = LanderLock.acquire(spark, "test")) {
      for (long start = 0; start < KINDS.size(); start += MICRO_BATCH) {
        long end = Math.min(start + MICRO_BATCH, KINDS.size());
        KafkaRange range = new KafkaRange(TOPIC, Map.of(0, start), Map.of(0, end));
        LandResult result = lander.landMicroBatch(source.read(spark, range), lock, LandListener.NONE);
        assertThat(result.addedRows().values().stream().mapToLong(Long::longValue).sum()).isPositive();
      }
    }
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void hasAtLeastThirtyKinds() {
    assertThat(KINDS).hasSizeGreaterThanOrEqualTo(30);
  }

  @Test
  void sendsEveryMessageWhereItBelongs() {
    Map<Long, String> landed = new LinkedHashMap<>();
    for (Row row :
        spark
            .sql(
                "SELECT kafka_offset, 'attempts' FROM attempts UNION ALL SELECT kafka_offset, 'duplicates' FROM duplicates"
                    + " UNION ALL SELECT kafka_offset, concat('quarantine:', reason) FROM quarantine")
            .collectAsList()) {
      landed.put(row.getLong(0), row.getString(1));
    }
    List<String> wrong = new ArrayList<>();
    KINDS.forEach(
        (offset, kind) -> {
          if (!EXPECTED.get(offset).equals(landed.get(offset))) {
            wrong.add(kind + " (offset " + offset + "): expected " + EXPECTED.get(offset) + ", landed " + landed.get(offset));
          }
        });
    assertThat(wrong).isEmpty();
  }

  @Test
  void balances() {
    Reconciliation.Account account = new Reconciliation(spark).check(TOPIC, Map.of(0, 0L));

    assertThat(account.holds()).as(account.toString()).isTrue();
    assertThat(account.offsets()).isEqualTo(KINDS.size());
    Reconciliation.PartitionAccount partition = account.partitions().get(0);
    assertThat(partition.attempts() + partition.duplicates() + partition.quarantined()).isEqualTo(KINDS.size());
  }

  @Test
  void keepsWhatItNormalises() {
    Row extra = spark.sql("SELECT extra_fields, counts_agree FROM attempts WHERE extra_fields IS NOT NULL").first();
    assertThat(extra.getString(0)).isEqualTo("{\"proctor\":{\"id\":7}}");
    assertThat(spark.sql("SELECT count(*) FROM attempts WHERE counts_agree = false").first().getLong(0)).isEqualTo(1);
    assertThat(spark.sql("SELECT count(*) FROM questions WHERE keen_id = 'big'").first().getLong(0)).isEqualTo(20_000);
    Row nulls = spark.sql("SELECT * FROM attempts WHERE keen_id = 'all-nulls'").first();
    for (String field : List.of("user_exam_id", "exam_name", "started_at", "keen_timestamp", "max_attempts", "certification", "total", "score", "counts_agree")) {
      assertThat(nulls.isNullAt(nulls.fieldIndex(field))).as(field).isTrue();
    }
    assertThat(nulls.<Integer>getAs("question_count")).isZero();
    Row conflict = spark.sql("SELECT identical FROM duplicates ORDER BY kafka_offset").collectAsList().get(1);
    assertThat(conflict.getBoolean(0)).as("the differing copy is recorded as not identical").isFalse();
    String quarantined = spark.sql("SELECT detail FROM quarantine WHERE reason = 'bad_timestamp' ORDER BY kafka_offset").first().getString(0);
    assertThat(quarantined).isEqualTo("started_at is not an ISO-8601 time with a zone: \"23/01/2018\"");
  }

  private static void add(String kind, String message, String expected) {
    add(kind, message == null ? null : message.getBytes(StandardCharsets.UTF_8), expected);
  }

  private static void add(String kind, byte[] message, String expected) {
    long offset = source.append(0, message);
    KINDS.put(offset, kind);
    EXPECTED.put(offset, expected);
  }

  /** Another real record, so that each lands as its own keen_id. */
  private static String other(int index) {
    return SAMPLE.get(index);
  }

  private static byte[] latin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String bigAttempt(int questions) {
    StringBuilder json = new StringBuilder("{\"keen_id\":\"big\",\"sequences\":{\"questions\":[");
    for (int i = 0; i < questions; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"id\":\"q")
          .append(i)
          .append("\",\"user_correct\":true,\"options\":[{\"checked\":true,\"id\":\"a\",\"correct\":true},{\"checked\":false,\"id\":\"b\"}]}");
    }
    return json.append("],\"counts\":{\"correct\":").append(questions).append(",\"total\":").append(questions).append("}}}").toString();
  }

  private static String nullsEverywhere() {
    return "{\"keen_id\":\"all-nulls\",\"keen_timestamp\":null,\"max_attempts\":null,\"started_at\":null,"
        + "\"base_exam_id\":null,\"user_exam_id\":null,\"sequences\":null,\"keen_created_at\":null,"
        + "\"certification\":null,\"exam_name\":null}";
  }
}

package io.edpipe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.junit.jupiter.api.Test;

/** The pure part of a landing task: which rows each table gets from each message. No Spark session. */
class TestMessageFlattener {
  private static final String TOPIC = "attempts-topic";
  private static final List<String> SAMPLE = Fixtures.realSample();
  private static final Map<LakeTable, Schema> SCHEMAS = schemas();

  private final Map<LakeTable, List<Map<String, Object>>> written = new EnumMap<>(LakeTable.class);
  private final List<String> keepers = new ArrayList<>();

  @Test
  void flattensARealRecordIntoItsAttemptQuestionsAndOptions() {
    MessageFlattener flattener = flattener(Map.of(), nothingLanded());

    flattener.accept(3, 17, bytes(SAMPLE.get(0)));

    Map<String, Object> attempt = only(LakeTable.ATTEMPTS);
    assertThat(attempt.get("keen_id")).isEqualTo("5a6745820eb8ab00016be1f1");
    assertThat(attempt.get("kafka_topic")).isEqualTo(TOPIC);
    assertThat(attempt.get("kafka_partition")).isEqualTo(3);
    assertThat(attempt.get("kafka_offset")).isEqualTo(17L);
    assertThat(attempt.get("content_hash")).isEqualTo(xxhash64(bytes(SAMPLE.get(0))));
    assertThat(attempt.get("landed_at")).isEqualTo(1_000_000L);
    assertThat(attempt.get("question_count")).isEqualTo(4);
    assertThat(attempt.get("extra_fields")).isNull();
    assertThat(written.get(LakeTable.QUESTIONS)).hasSize(4);
    assertThat(written.get(LakeTable.QUESTIONS))
        .extracting(q -> q.get("position"), q -> q.get("option_count"))
        .containsExactly(tuple(1, 3), tuple(2, 3), tuple(3, 4), tuple(4, 4));
    assertThat(written.get(LakeTable.OPTIONS)).hasSize(14);
    assertThat(written.get(LakeTable.OPTIONS)).allSatisfy(o -> assertThat(o.get("keen_id")).isEqualTo("5a6745820eb8ab00016be1f1"));
    assertThat(written.get(LakeTable.DUPLICATES)).isEmpty();
    assertThat(written.get(LakeTable.QUARANTINE)).isEmpty();
    assertThat(keepers).containsExactly("5a6745820eb8ab00016be1f1@3/17");
    assertThat(flattener.rows()).containsEntry(LakeTable.OPTIONS, 14L).containsEntry(LakeTable.ATTEMPTS, 1L);
  }

  @Test
  void everyRowNamesItsMessagesCustomerOrTheDefault() {
    MessageFlattener flattener = flattener(Map.of(), nothingLanded());

    flattener.accept(0, 1, bytes(SAMPLE.get(0)), bytes("acme"));
    flattener.accept(0, 2, bytes(SAMPLE.get(0)), bytes("globex")); // a duplicate, sent by another customer
    flattener.accept(0, 3, bytes(SAMPLE.get(1)));
    flattener.accept(0, 4, bytes("{not json"), bytes("acme"));

    assertThat(written.get(LakeTable.ATTEMPTS))
        .extracting(a -> a.get("kafka_offset"), a -> a.get("customer"))
        .containsExactly(tuple(1L, "acme"), tuple(3L, "house"));
    for (LakeTable table : List.of(LakeTable.QUESTIONS, LakeTable.OPTIONS)) {
      assertThat(written.get(table)).extracting(row -> row.get("customer")).containsOnly("acme", "house");
    }
    assertThat(written.get(LakeTable.OPTIONS)).filteredOn(o -> o.get("customer").equals("acme")).hasSize(14);
    assertThat(written.get(LakeTable.DUPLICATES)).extracting(d -> d.get("customer")).containsExactly("globex");
    assertThat(written.get(LakeTable.QUARANTINE))
        .extracting(q -> q.get("reason"), q -> q.get("customer"))
        .containsExactly(tuple("invalid_json", "acme"));
  }

  @Test
  void quarantinesAMessageWhoseCustomerHeaderIsNotACustomerIdUnderNoCustomer() {
    MessageFlattener flattener = flattener(Map.of(), nothingLanded());

    flattener.accept(0, 1, bytes(SAMPLE.get(0)), bytes("Acme Inc"));
    flattener.accept(0, 2, bytes(SAMPLE.get(1)), new byte[] {'a', (byte) 0xff, '\n'});
    flattener.accept(0, 3, bytes(SAMPLE.get(2)), new byte[0]);

    assertThat(written.get(LakeTable.ATTEMPTS)).isEmpty();
    assertThat(written.get(LakeTable.QUESTIONS)).isEmpty();
    assertThat(keepers).isEmpty();
    assertThat(written.get(LakeTable.QUARANTINE))
        .extracting(q -> q.get("kafka_offset"), q -> q.get("reason"), q -> q.get("customer"))
        .containsExactly(
            tuple(1L, "invalid_customer", null), tuple(2L, "invalid_customer", null), tuple(3L, "invalid_customer", null));
    assertThat(written.get(LakeTable.QUARANTINE).get(0).get("detail"))
        .isEqualTo("the customer header is not a valid customer id: Acme Inc");
    assertThat(written.get(LakeTable.QUARANTINE).get(0).get("raw")).isEqualTo(SAMPLE.get(0));
    assertThat((String) written.get(LakeTable.QUARANTINE).get(1).get("detail")).doesNotContain("\n");
  }

  @Test
  void keepsTheFirstCopyItSeesAndTellsIdenticalCopiesFromOthers() {
    MessageFlattener flattener = flattener(Map.of(), nothingLanded());
    String other = SAMPLE.get(0).replace("\"attempt\":1", "\"attempt\":2");

    flattener.accept(0, 5, bytes(SAMPLE.get(0)));
    flattener.accept(0, 6, bytes(SAMPLE.get(0)));
    flattener.accept(0, 7, bytes(other));

    assertThat(written.get(LakeTable.ATTEMPTS)).extracting(a -> a.get("kafka_offset")).containsExactly(5L);
    assertThat(written.get(LakeTable.DUPLICATES))
        .extracting(d -> d.get("kafka_offset"), d -> d.get("identical"))
        .containsExactly(tuple(6L, true), tuple(7L, false));
    assertThat(keepers).containsExactly("5a6745820eb8ab00016be1f1@0/5");
  }

  @Test
  void followsTheBatchsKeeperWhereTheTasksDisagreed() {
    // the keeper is a copy landed earlier, in another partition, with the other content
    String other = SAMPLE.get(0).replace("\"attempt\":1", "\"attempt\":2");
    Keeper landed = new Keeper(TOPIC, 1, 2, xxhash64(bytes(other)));
    MessageFlattener flattener = flattener(Map.of("5a6745820eb8ab00016be1f1", landed), nothingLanded());

    flattener.accept(0, 5, bytes(SAMPLE.get(0)));
    flattener.accept(0, 6, bytes(other));

    assertThat(written.get(LakeTable.ATTEMPTS)).isEmpty();
    assertThat(written.get(LakeTable.QUESTIONS)).isEmpty();
    assertThat(written.get(LakeTable.DUPLICATES))
        .extracting(d -> d.get("kafka_offset"), d -> d.get("identical"))
        .containsExactly(tuple(5L, false), tuple(6L, true));
    assertThat(keepers).isEmpty();
  }

  @Test
  void quarantinesWhatCannotBeParsedWithItsReasonAndRawText() {
    MessageFlattener flattener = flattener(Map.of(), nothingLanded());

    flattener.accept(1, 0, bytes("{\"keen_id\":"));
    flattener.accept(1, 1, null);

    assertThat(written.get(LakeTable.QUARANTINE))
        .extracting(q -> q.get("kafka_offset"), q -> q.get("reason"), q -> q.get("raw"))
        .containsExactly(tuple(0L, "invalid_json", "{\"keen_id\":"), tuple(1L, "empty_message", null));
    assertThat(written.get(LakeTable.ATTEMPTS)).isEmpty();
  }

  @Test
  void givesEachTableOnlyTheMessagesItDoesNotHoldYet() {
    // a batch that failed after committing attempts and questions up to offset 2 of partition 0
    Map<LakeTable, Map<Integer, Long>> next = nothingLanded();
    next.get(LakeTable.ATTEMPTS).put(0, 2L);
    next.get(LakeTable.QUESTIONS).put(0, 2L);
    MessageFlattener flattener = flattener(Map.of(), next);

    for (int offset = 0; offset < 3; offset++) {
      flattener.accept(0, offset, bytes(SAMPLE.get(offset)));
    }

    assertThat(written.get(LakeTable.ATTEMPTS)).extracting(a -> a.get("kafka_offset")).containsExactly(2L);
    assertThat(written.get(LakeTable.QUESTIONS)).extracting(q -> q.get("keen_id")).containsOnly(keenId(2));
    assertThat(written.get(LakeTable.OPTIONS)).extracting(o -> o.get("keen_id")).contains(keenId(0), keenId(1), keenId(2));
    // every keeper is reported, held or not: the check compares the batch's choices with the landed ones
    assertThat(keepers).hasSize(3);
  }

  private MessageFlattener flattener(Map<String, Keeper> resolved, Map<LakeTable, Map<Integer, Long>> next) {
    for (LakeTable table : LakeTable.values()) {
      written.put(table, new ArrayList<>());
    }
    return new MessageFlattener(
        TOPIC,
        SCHEMAS,
        next,
        resolved,
        1_000_000L,
        "house",
        (table, row) -> written.get(table).add(toMap(row)),
        (text, from, length, topic, partition, offset, hash) ->
            keepers.add(new String(text, from, length, StandardCharsets.UTF_8) + "@" + partition + "/" + offset));
  }

  private static Map<LakeTable, Map<Integer, Long>> nothingLanded() {
    Map<LakeTable, Map<Integer, Long>> next = new EnumMap<>(LakeTable.class);
    for (LakeTable table : LakeTable.values()) {
      next.put(table, new HashMap<>());
    }
    return next;
  }

  private Map<String, Object> only(LakeTable table) {
    assertThat(written.get(table)).hasSize(1);
    return written.get(table).get(0);
  }

  private static String keenId(int record) {
    String line = SAMPLE.get(record);
    int start = line.indexOf("\"keen_id\":\"") + "\"keen_id\":\"".length();
    return line.substring(start, line.indexOf('"', start));
  }

  private static Map<String, Object> toMap(TableRow row) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < row.size(); i++) {
      values.put(row.name(i), row.value(i));
    }
    return values;
  }

  /** The tables' schemas as Iceberg makes them of the tables' DDL. */
  private static Map<LakeTable, Schema> schemas() {
    Map<LakeTable, Schema> schemas = new EnumMap<>(LakeTable.class);
    for (LakeTable table : LakeTable.values()) {
      StructType schema = new StructType();
      for (LakeTable.Column column : table.columns()) {
        schema = schema.add(column.name(), DataType.fromDDL(column.type()));
      }
      schemas.put(table, SparkSchemaUtil.convert(schema));
    }
    return schemas;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static long xxhash64(byte[] value) {
    return XXH64.hashUnsafeBytes(value, Platform.BYTE_ARRAY_OFFSET, value.length, 42L);
  }
}

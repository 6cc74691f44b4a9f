package io.edpipe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.edpipe.core.error.PipelineException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestIcebergLander {
  private static final String TOPIC = "attempts-test";
  private static final List<String> SAMPLE = Fixtures.realSample();

  @TempDir static Path warehouse;

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = Fixtures.session(warehouse, "test-lander");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @BeforeEach
  void dropTables() {
    spark.conf().unset(BatchFiles.MESSAGES_PER_TASK);
    for (LakeTable table : LakeTable.values()) {
      spark.sql("DROP TABLE IF EXISTS " + LakeConfig.qualified(table) + " PURGE");
    }
  }

  @Test
  void createsTheTablesAsSparkSqlCreateTableWould() throws Exception {
    IcebergLander.createTables(spark);
    IcebergLander.createTables(spark); // idempotent

    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + LakeConfig.CATALOG + ".by_sql");
    for (LakeTable table : LakeTable.values()) {
      String bySql = LakeConfig.CATALOG + ".by_sql." + table.tableName();
      spark.sql("DROP TABLE IF EXISTS " + bySql + " PURGE");
      spark.sql(
          "CREATE TABLE " + bySql + " (" + table.columnDefinitions() + ") USING iceberg"
              + " TBLPROPERTIES ('format-version'='2', 'write.parquet.compression-codec'='zstd')");
      Table expected = Spark3Util.loadIcebergTable(spark, bySql);
      Table created = IcebergTables.load(spark, table);

      assertThat(created.schema().asStruct()).as(table.tableName()).isEqualTo(expected.schema().asStruct());
      assertThat(created.spec().isUnpartitioned()).isTrue();
      assertThat(created.properties()).containsEntry("write.parquet.compression-codec", "zstd");
      assertThat(((HasTableOperations) created).operations().current().formatVersion()).isEqualTo(2);
      spark.sql("DROP TABLE " + bySql + " PURGE");
    }
    assertThat(IcebergTables.load(spark, LakeTable.ATTEMPTS).schema().findField("keen_id").doc())
        .isEqualTo("the attempt id; one row per distinct keen_id");
  }

  @Test
  void addsTheColumnsANewerEdpipeDefinesToExistingTables() {
    IcebergLander.createTables(spark);
    Table attempts = IcebergTables.load(spark, LakeTable.ATTEMPTS);
    attempts.updateSchema().deleteColumn("extra_fields").deleteColumn("counts_agree").commit();
    assertThat(spark.table("attempts").columns()).doesNotContain("extra_fields", "counts_agree");

    IcebergLander.createTables(spark);

    assertThat(spark.table("attempts").columns()).contains("extra_fields", "counts_agree");
  }

  @Test
  void landsEachMessageUnderTheCustomerOfItsHeaderOrTheDefault() {
    InMemoryMessageSource source = new InMemoryMessageSource(TOPIC, 2);
    for (int i = 0; i < SAMPLE.size(); i++) {
      byte[] value = SAMPLE.get(i).getBytes(StandardCharsets.UTF_8);
      switch (i % 3) {
        case 0 -> source.append(i % 2, value, "acme".getBytes(StandardCharsets.UTF_8));
        case 1 -> source.append(i % 2, value, "globex".getBytes(StandardCharsets.UTF_8));
        default -> source.append(i % 2, value);
      }
    }
    source.append(0, "{}".getBytes(StandardCharsets.UTF_8), "NOT A CUSTOMER".getBytes(StandardCharsets.UTF_8));

    new IcebergLander(spark, source, TOPIC, "house").land();

    assertThat(spark.sql("SELECT customer, count(*) FROM attempts GROUP BY 1 ORDER BY 1").collectAsList())
        .map(Row::toString)
        .containsExactly("[acme,4]", "[globex,3]", "[house,3]");
    for (String table : List.of("questions", "options")) {
      assertThat(
              spark.sql(
                      "SELECT count(*) FROM " + table + " t JOIN attempts a ON a.keen_id = t.keen_id"
                          + " WHERE t.customer IS DISTINCT FROM a.customer")
                  .first()
                  .getLong(0))
          .as(table + " rows under another customer than their attempt")
          .isZero();
    }
    assertThat(spark.sql("SELECT reason, customer FROM quarantine").collectAsList())
        .map(Row::toString)
        .containsExactly("[invalid_customer,null]");
  }

  @Test
  void landsTheRealSampleFieldByField() throws Exception {
    InMemoryMessageSource source = new InMemoryMessageSource(TOPIC, 1);
    SAMPLE.forEach(line -> source.append(0, line));

    LandResult result = new IcebergLander(spark, source, TOPIC).land();

    assertThat(result.messages()).isEqualTo(10);
    assertThat(result.addedRows())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                LakeTable.ATTEMPTS, 10L,
                LakeTable.QUESTIONS, 40L,
                LakeTable.OPTIONS, 153L,
                LakeTable.DUPLICATES, 0L,
                LakeTable.QUARANTINE, 0L));
    for (LakeTable table : List.of(LakeTable.ATTEMPTS, LakeTable.QUESTIONS, LakeTable.OPTIONS)) {
      Table iceberg = Spark3Util.loadIcebergTable(spark, LakeConfig.qualified(table));
      assertThat(iceberg.currentSnapshot().summary().get("total-data-files")).as("files of a small batch").isEqualTo("1");
    }
    Row first = spark.sql("SELECT * FROM attempts WHERE keen_id = '5a6745820eb8ab00016be1f1'").first();
    assertThat(first.<String>getAs("user_exam_id")).isEqualTo("6d4089e4-bde5-4a22-b65f-18bce9ab79c8");
    assertThat(first.<String>getAs("exam_name")).isEqualTo("Normal Forms and All That Jazz Master Class");
    assertThat(timestamp(first, "started_at")).isEqualTo(Instant.parse("2018-01-23T14:23:19.082Z"));
    assertThat(timestamp(first, "keen_timestamp")).isEqualTo(Instant.parse("2018-01-23T14:24:02.735266Z"));
    assertThat(first.<Double>getAs("max_attempts")).isEqualTo(1.0);
    assertThat(first.<Boolean>getAs("certification")).isFalse();
    assertThat(first.<Integer>getAs("question_count")).isEqualTo(4);
    assertThat(first.<Integer>getAs("correct")).isEqualTo(2);
    assertThat(first.<Integer>getAs("total")).isEqualTo(4);
    assertThat(first.<Double>getAs("score")).isEqualTo(0.5);
    assertThat(first.<Long>getAs("kafka_offset")).isZero();
    assertThat(first.<String>getAs("kafka_topic")).isEqualTo(TOPIC);

    List<Row> questions =
        spark
            .sql(
                "SELECT position, question_id, user_result, option_count, correct_options, checked_options,"
                    + " checked_correct_options FROM questions WHERE keen_id = '5a6745820eb8ab00016be1f1'"
                    + " ORDER BY position")
            .collectAsList();
    assertThat(questions)
        .extracting(r -> tuple(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6)))
        .containsExactly(
            tuple(1, "7a2ed6d3-f492-49b3-b8aa-d080a8aad986", "missed_some", 3, 3, 2, 2),
            tuple(2, "bbed4358-999d-4462-9596-bad5173a6ecb", "incorrect", 3, 2, 2, 1),
            tuple(3, "e6ad8644-96b1-4617-b37b-a263dded202c", "correct", 4, 2, 2, 2),
            tuple(4, "95194331-ac43-454e-83de-ea8913067055", "correct", 4, 1, 1, 1));

    List<Row> options =
        spark
            .sql(
                "SELECT position, option_id, checked, correct, submitted, at FROM options"
                    + " WHERE question_id = 'e6ad8644-96b1-4617-b37b-a263dded202c'"
                    + " AND keen_id = '5a6745820eb8ab00016be1f1' ORDER BY position")
            .collectAsList();
    assertThat(options)
        .extracting(r -> tuple(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.isNullAt(5) ? null : timestamp(r, "at")))
        .containsExactly(
            tuple(1, "a9333679-de9d-41ff-bb3d-b239d6b95732", false, false, false, Instant.parse("2018-01-23T14:23:52.510Z")),
            tuple(2, "85795acc-b4b1-4510-bd6e-41648a3553c9", false, false, false, null),
            tuple(3, "c185ecdb-48fb-4edb-ae4e-0204ac7a0909", true, true, true, Instant.parse("2018-01-23T14:23:54.223Z")),
            tuple(4, "77a66c83-d001-45cd-9a5a-6bba8eb7389e", true, true, true, Instant.parse("2018-01-23T14:23:53.862Z")));
  }

  @Test
  void landsNothingTwice() {
    InMemoryMessageSource source = new InMemoryMessageSource(TOPIC, 2);
    for (int i = 0; i < SAMPLE.size(); i++) {
      source.append(i % 2, SAMPLE.get(i));
    }
    IcebergLander lander = new IcebergLander(spark, source, TOPIC);
    lander.land();

    LandResult again = lander.land();

    assertThat(again.messages()).isZero();
    assertThat(count("attempts")).isEqualTo(10);
    assertThat(count("options")).isEqualTo(153);
  }

  @Test
  void accountsForEveryMessageAcrossBatches() {
    spark.conf().set(BatchFiles.MESSAGES_PER_TASK, "1"); // a task per partition: each decides alone, then the check
    InMemoryMessageSource source = new InMemoryMessageSource(TOPIC, 2);
    source.append(0, SAMPLE.get(0));
    source.append(1, SAMPLE.get(1));
    source.append(1, SAMPLE.get(0)); // an exact copy in another partition, same batch
    source.append(0, "{\"keen_id\":");
    IcebergLander lander = new IcebergLander(spark, source, TOPIC);
    lander.land();
    source.append(0, SAMPLE.get(1)); // a copy of an attempt landed by the previous batch
    source.append(1, SAMPLE.get(0).replace("\"attempt\":1", "\"attempt\":2")); // same keen_id, other content
    source.append(1, (String) null);

    LandResult second = lander.land();

    assertThat(second.messages()).isEqualTo(3);
    assertThat(count("attempts")).isEqualTo(2);
    assertThat(spark.sql("SELECT kafka_partition, kafka_offset FROM attempts ORDER BY keen_id").collectAsList())
        .extracting(r -> tuple(r.get(0), r.get(1)))
        .containsExactly(tuple(1, 0L), tuple(0, 0L));
    assertThat(
            spark
                .sql("SELECT keen_id, kafka_partition, kafka_offset, identical FROM duplicates ORDER BY kafka_offset, kafka_partition")
                .collectAsList())
        .extracting(r -> tuple(r.get(0), r.get(1), r.get(2), r.get(3)))
        .containsExactly(
            tuple("5a6745820eb8ab00016be1f1", 1, 1L, true),
            tuple("5a674541ab6b0a0001c6e723", 0, 2L, true),
            tuple("5a6745820eb8ab00016be1f1", 1, 2L, false));
    assertThat(spark.sql("SELECT kafka_partition, kafka_offset, reason, raw FROM quarantine ORDER BY kafka_offset").collectAsList())
        .extracting(r -> tuple(r.get(0), r.get(1), r.get(2), r.get(3)))
        .containsExactly(tuple(0, 1L, "invalid_json", "{\"keen_id\":"), tuple(1, 3L, "empty_message", null));
    // messages = attempts + duplicates + quarantine
    assertThat(count("attempts") + count("duplicates") + count("quarantine")).isEqualTo(7);
    assertThat(count("questions")).isEqualTo(8);
  }

  @Test
  void reconciliationFindsMissingAndRepeatedOffsets() {
    InMemoryMessageSource source = new InMemoryMessageSource(TOPIC, 1);
    SAMPLE.forEach(line -> source.append(0, line));
    new IcebergLander(spark, source, TOPIC).land();
    Reconciliation reconciliation = new Reconciliation(spark);
    assertThat(reconciliation.check(TOPIC, Map.of()).holds()).isTrue();

    // lose offset 3, and land offset 5 a second time as a duplicate
    spark.sql("DELETE FROM attempts WHERE kafka_offset = 3");
    spark.sql(
        "INSERT INTO duplicates VALUES ('x', '" + TOPIC + "', 0, 5, true, current_timestamp(), 'default')");

    Reconciliation.Account account = reconciliation.check(TOPIC, Map.of(0, 0L));

    assertThat(account.holds()).isFalse();
    Reconciliation.PartitionAccount partition = account.partitions().get(0);
    assertThat(partition.from()).isZero();
    assertThat(partition.to()).isEqualTo(10);
    assertThat(partition.missing()).containsExactly(3L);
    assertThat(partition.repeated()).containsExactly(5L);
  }

  @Test
  void maintenanceCompactsAndExpiresWithoutLosingTheOffsets() throws Exception {
    InMemoryMessageSource source = new InMemoryMessageSource(TOPIC, 1);
    IcebergLander lander = new IcebergLander(spark, source, TOPIC);
    for (int batch = 0; batch < 3; batch++) {
      for (int i = 0; i < 3; i++) {
        source.append(0, SAMPLE.get(batch * 3 + i));
      }
      lander.land();
    }
    assertThat(dataFiles(LakeTable.OPTIONS)).isEqualTo(3);

    List<TableMaintenance.Result> results = new TableMaintenance(spark).maintain(Duration.ZERO, Duration.ofDays(1));

    assertThat(results).filteredOn(r -> r.table() == LakeTable.OPTIONS).singleElement().satisfies(r -> {
      assertThat(r.filesBefore()).isEqualTo(3);
      assertThat(r.filesAfter()).isEqualTo(1);
      assertThat(r.expiredSnapshots()).isPositive();
    });
    assertThat(dataFiles(LakeTable.OPTIONS)).isEqualTo(1);
    assertThat(count("attempts")).isEqualTo(9);
    assertThat(count("options")).isEqualTo(spark.sql("SELECT sum(option_count) FROM questions").first().getLong(0));
    // only the compacted snapshot is left, and it still says what the table holds
    Table options = Spark3Util.loadIcebergTable(spark, LakeConfig.qualified(LakeTable.OPTIONS));
    assertThat(options.snapshots()).hasSize(1);
    assertThat(lander.land().messages()).isZero();
    source.append(0, SAMPLE.get(9));
    assertThat(lander.land().messages()).isEqualTo(1);
    assertThat(count("attempts")).isEqualTo(10);
    assertThat(new Reconciliation(spark).check(TOPIC, Map.of(0, 0L)).holds()).isTrue();
  }

  @Test
  void maintenanceWithNothingToExpireRunsNoExpiry() throws Exception {
    InMemoryMessageSource source = new InMemoryMessageSource(TOPIC, 1);
    source.append(0, SAMPLE.get(0));
    new IcebergLander(spark, source, TOPIC).land();
    Map<LakeTable, String> metadataBefore = new EnumMap<>(LakeTable.class);
    for (LakeTable table : LakeTable.values()) {
      metadataBefore.put(table, metadataFile(table));
    }

    List<String> jobGroups = new CopyOnWriteArrayList<>();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        jobGroups.add(String.valueOf(jobStart.properties().getProperty("spark.jobGroup.id")));
      }
    };
    spark.sparkContext().addSparkListener(listener);
    List<TableMaintenance.Result> results;
    try {
      // one data file per table and every snapshot younger than a day: nothing to compact or expire
      results = new TableMaintenance(spark).maintain(Duration.ofDays(1), Duration.ofDays(1));
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }

    assertThat(results).hasSize(LakeTable.values().length).allSatisfy(r -> {
      assertThat(r.rewrittenFiles()).isZero();
      assertThat(r.expiredSnapshots()).isZero();
      assertThat(metadataFile(r.table())).as("%s: no new metadata file", r.table()).isEqualTo(metadataBefore.get(r.table()));
    });
    // only the search for orphan files ran Spark jobs: no expiry job, as there was nothing to expire
    assertThat(jobGroups).isNotEmpty().noneMatch(group -> group.contains("EXPIRE"));
  }

  private static String metadataFile(LakeTable table) throws Exception {
    Table iceberg = Spark3Util.loadIcebergTable(spark, LakeConfig.qualified(table));
    return ((HasTableOperations) iceberg).operations().refresh().metadataFileLocation();
  }

  private static long dataFiles(LakeTable table) throws Exception {
    Table iceberg = Spark3Util.loadIcebergTable(spark, LakeConfig.qualified(table));
    return Long.parseLong(iceberg.currentSnapshot().summary().get("total-data-files"));
  }

  @Test
  void keepsAttemptsWithoutQuestionsOrCounts() {
    InMemoryMessageSource source = new InMemoryMessageSource(TOPIC, 1);
    // like the dataset's 5 test records: a sequences object without counts
    source.append(0, "{\"keen_id\":\"t1\",\"exam_name\":\"Example Exam\",\"sequences\":{\"questions\":[],\"id\":\"s\"}}");
    source.append(0, "{\"keen_id\":\"t2\"}"); // no sequences at all

    LandResult result = new IcebergLander(spark, source, TOPIC).land();

    assertThat(result.added(LakeTable.ATTEMPTS)).isEqualTo(2);
    assertThat(result.added(LakeTable.QUESTIONS)).isZero();
    assertThat(
            spark
                .sql("SELECT keen_id, question_count, correct, total, all_correct, score, sequence_id FROM attempts ORDER BY keen_id")
                .collectAsList())
        .extracting(r -> tuple(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6)))
        .containsExactly(tuple("t1", 0, null, null, null, null, "s"), tuple("t2", 0, null, null, null, null, null));
  }

  @Test
  void completesABatchThatFailedBetweenTwoCommits() throws Exception {
    InMemoryMessageSource source = new InMemoryMessageSource(TOPIC, 1);
    SAMPLE.subList(0, 4).forEach(line -> source.append(0, line));
    IcebergLander lander = new IcebergLander(spark, source, TOPIC);
    lander.land();
    SAMPLE.subList(4, 10).forEach(line -> source.append(0, line));
    lander.land();
    // As if the second batch had died after committing attempts and questions: undo the later tables' commits.
    for (LakeTable table : List.of(LakeTable.OPTIONS, LakeTable.DUPLICATES, LakeTable.QUARANTINE)) {
      Table iceberg = Spark3Util.loadIcebergTable(spark, LakeConfig.qualified(table));
      iceberg.manageSnapshots().rollbackTo(iceberg.currentSnapshot().parentId()).commit();
    }
    assertThat(count("options")).isLessThan(153);

    LandResult recovery = lander.land();

    assertThat(recovery.messages()).isEqualTo(6);
    assertThat(recovery.added(LakeTable.ATTEMPTS)).isZero();
    assertThat(recovery.added(LakeTable.QUESTIONS)).isZero();
    assertThat(count("attempts")).isEqualTo(10);
    assertThat(count("questions")).isEqualTo(40);
    assertThat(count("options")).isEqualTo(153);
    assertThat(count("duplicates")).isZero();
    assertThat(spark.sql("SELECT count(DISTINCT keen_id, question_id, option_id) FROM options").first().getLong(0))
        .isEqualTo(153);
  }

  @Test
  void microBatchesSkipWhatTheTablesHoldAndAlternateWithBatches() {
    InMemoryMessageSource source = new InMemoryMessageSource(TOPIC, 2);
    for (int i = 0; i < SAMPLE.size(); i++) {
      source.append(i % 2, SAMPLE.get(i));
    }
    IcebergLander lander = new IcebergLander(spark, source, TOPIC);
    IcebergLander.createTables(spark);
    try (LanderLock lock = LanderLock.acquire(spark, "test")) {
      // a stream's first micro-batch: offsets 0-2 of each partition
      LandResult first = lander.landMicroBatch(source.read(spark, range(Map.of(0, 0L, 1, 0L), Map.of(0, 3L, 1, 3L))), lock, LandListener.NONE);
      assertThat(first.added(LakeTable.ATTEMPTS)).isEqualTo(6);

      // replayed after a crash, overlapping the next messages: only offsets 3-4 are new
      LandResult replay = lander.landMicroBatch(source.read(spark, range(Map.of(0, 1L, 1, 0L), Map.of(0, 5L, 1, 5L))), lock, LandListener.NONE);
      assertThat(replay.added(LakeTable.ATTEMPTS)).isEqualTo(4);
      assertThat(replay.added(LakeTable.DUPLICATES)).isZero();
    }
    // a batch land after the stream finds nothing; a micro-batch the batch land overtook adds nothing
    assertThat(lander.land().messages()).isZero();
    try (LanderLock lock = LanderLock.acquire(spark, "test")) {
      LandResult overtaken = lander.landMicroBatch(source.read(spark, range(Map.of(1, 4L), Map.of(1, 5L))), lock, LandListener.NONE);
      assertThat(overtaken.addedRows().values()).containsOnly(0L);
    }
    assertThat(count("attempts")).isEqualTo(10);
    assertThat(count("options")).isEqualTo(153);
    assertThat(new Reconciliation(spark).check(TOPIC, Map.of(0, 0L, 1, 0L)).holds()).isTrue();
  }

  @Test
  void refusesAMicroBatchThatWouldLeaveAGap() {
    InMemoryMessageSource source = new InMemoryMessageSource(TOPIC, 1);
    SAMPLE.forEach(line -> source.append(0, line));
    IcebergLander lander = new IcebergLander(spark, source, TOPIC);
    IcebergLander.createTables(spark);
    try (LanderLock lock = LanderLock.acquire(spark, "test")) {
      lander.landMicroBatch(source.read(spark, range(Map.of(0, 0L), Map.of(0, 4L))), lock, LandListener.NONE);

      assertThatThrownBy(
              () -> lander.landMicroBatch(source.read(spark, range(Map.of(0, 6L), Map.of(0, 10L))), lock, LandListener.NONE))
          .isInstanceOf(PipelineException.class)
          .hasMessageContaining("partition 0 from offset 6")
          .hasMessageContaining("up to offset 4")
          .hasMessageContaining("gap");
    }
    assertThat(count("attempts")).isEqualTo(4);
  }

  @Test
  void oneLanderAtATime() {
    InMemoryMessageSource source = new InMemoryMessageSource(TOPIC, 1);
    SAMPLE.forEach(line -> source.append(0, line));
    try (LanderLock stream = LanderLock.acquire(spark, "edpipe land --stream")) {
      assertThatThrownBy(() -> new IcebergLander(spark, source, TOPIC).land())
          .isInstanceOf(PipelineException.class)
          .hasMessageContaining("Cannot start edpipe land")
          .hasMessageContaining("edpipe land --stream (pid " + ProcessHandle.current().pid());
    }
    assertThat(new IcebergLander(spark, source, TOPIC).land().messages()).as("released").isEqualTo(10);
  }

  private static KafkaRange range(Map<Integer, Long> start, Map<Integer, Long> end) {
    return new KafkaRange(TOPIC, start, end);
  }

  private static long count(String table) {
    return spark.table(table).count();
  }

  private static Instant timestamp(Row row, String field) {
    Object value = row.getAs(field);
    return value instanceof java.sql.Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
  }

}

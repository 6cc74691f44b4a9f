package io.edpipe.spark;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.xxhash64;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands one batch: the messages of a topic after what the tables already hold, up to the latest offsets at the
 * start, parsed once and committed to the five Iceberg tables.
 *
 * <p>Exactly once: each commit stores, in its snapshot, the offsets up to which that table holds the messages
 * ({@link LandedOffsets}), atomically with the rows. A batch starts at the lowest offset any table holds and adds
 * to each table only the messages above that table's own offsets, so a batch that failed between two tables'
 * commits is completed, never repeated, by the next. {@code attempts} commits first: it decides which copy of a
 * keen_id is the attempt, and the other tables follow its decision.
 *
 * <p>One lander at a time per set of tables: two at once would both append the same messages. The {@link
 * LanderLock} keeps others out, and each commit checks that the table's offsets are still those the batch read.
 */
public final class IcebergLander {
  private static final Logger log = LoggerFactory.getLogger(IcebergLander.class);

  /** Messages per data file a batch writes, before the cap at the shuffle partitions: small batches, one file. */
  static final long MESSAGES_PER_FILE = 100_000;

  /** Commit order: attempts decides which copies are duplicates; the rest follow it. */
  private static final List<LakeTable> COMMIT_ORDER =
      List.of(LakeTable.ATTEMPTS, LakeTable.QUESTIONS, LakeTable.OPTIONS, LakeTable.DUPLICATES, LakeTable.QUARANTINE);

  private final SparkSession spark;
  private final MessageSource source;
  private final String topic;

  public IcebergLander(SparkSession spark, MessageSource source, String topic) {
    this.spark = requireNonNull(spark, "spark is null");
    this.source = requireNonNull(source, "source is null");
    this.topic = requireNonNull(topic, "topic is null");
  }

  /**
   * Creates the namespace and any missing table, and adds to existing tables the columns a newer edpipe
   * defines (the contract only ever adds columns). Idempotent.
   */
  public static void createTables(SparkSession spark) {
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + LakeConfig.CATALOG + "." + LakeConfig.NAMESPACE);
    for (LakeTable table : LakeTable.values()) {
      String name = LakeConfig.qualified(table);
      spark.sql(
          "CREATE TABLE IF NOT EXISTS "
              + name
              + " ("
              + table.columnDefinitions()
              + ") USING iceberg TBLPROPERTIES ('format-version'='2', 'write.parquet.compression-codec'='zstd')");
      Set<String> existing = Set.of(spark.table(name).columns());
      List<String> missing =
          table.columns().stream()
              .filter(column -> !existing.contains(column.name()))
              .map(LakeTable.Column::definition)
              .toList();
      if (!missing.isEmpty()) {
        log.info("Adding columns to {}: {}", name, missing);
        spark.sql("ALTER TABLE " + name + " ADD COLUMNS (" + String.join(", ", missing) + ")");
      }
    }
  }

  /** Lands everything published to the topic so far that is not landed yet. */
  public LandResult land() {
    return land(LandListener.NONE);
  }

  /**
   * Lands everything published to the topic so far that is not landed yet, telling {@code listener} how it goes.
   * Takes the warehouse's {@link LanderLock} for the batch.
   */
  public LandResult land(LandListener listener) {
    requireNonNull(listener, "listener is null");
    try (LanderLock lock = LanderLock.acquire(spark, "edpipe land")) {
      return land(lock, listener);
    }
  }

  /** Lands everything not landed yet, under a lock the caller holds. */
  public LandResult land(LanderLock lock, LandListener listener) {
    requireNonNull(lock, "lock is null");
    requireNonNull(listener, "listener is null");
    Instant started = Instant.now();
    createTables(spark);
    Map<LakeTable, TopicOffsets> landed = landedOffsets();
    KafkaRange range = nextRange(source.bounds(topic), landed);
    if (range.isEmpty()) {
      log.info("Nothing to land from {}: the tables hold every message up to {}", topic, range.end());
      source.landed(topic, range.end());
      return LandResult.upToDate(range, Duration.between(started, Instant.now()));
    }
    log.info("Landing {} messages of {}: offsets {} to {}", range.messageCount(), topic, range.start(), range.end());
    listener.onStart(range);
    return write(source.read(spark, range), range, landed, started, lock, listener);
  }

  /**
   * Lands one micro-batch of a stream: {@code messages} has Spark's Kafka columns {@code topic, partition, offset,
   * value}, from wherever the stream's checkpoint says. Messages the tables already hold (a replayed batch, or
   * one a batch {@code land} got to first) are skipped table by table; a batch that starts after what the tables
   * hold is refused, since landing it would leave a gap.
   */
  public LandResult landMicroBatch(Dataset<Row> messages, LanderLock lock, LandListener listener) {
    requireNonNull(messages, "messages is null");
    requireNonNull(lock, "lock is null");
    requireNonNull(listener, "listener is null");
    Instant started = Instant.now();
    Map<LakeTable, TopicOffsets> landed = landedOffsets();
    Dataset<Row> batch =
        messages.select("topic", "partition", "offset", "value").persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<Integer, Long> first = new HashMap<>();
      Map<Integer, Long> next = new HashMap<>();
      for (Row span : batch.groupBy("topic", "partition").agg(min("offset"), max("offset")).collectAsList()) {
        if (!topic.equals(span.getString(0))) {
          throw new PipelineException(
              ErrorCode.LANDING_FAILED, "Cannot land a micro-batch of topic %s into the tables of %s", span.getString(0), topic);
        }
        first.put(span.getInt(1), span.getLong(2));
        next.put(span.getInt(1), span.getLong(3) + 1);
      }
      KafkaRange range = new KafkaRange(topic, first, next);
      if (range.isEmpty()) {
        return LandResult.upToDate(range, Duration.between(started, Instant.now()));
      }
      checkContiguous(range, landed);
      listener.onStart(range);
      return write(batch, range, landed, started, lock, listener);
    } finally {
      batch.unpersist();
    }
  }

  /** Every partition of a micro-batch must start at or before what the tables already hold. */
  private void checkContiguous(KafkaRange range, Map<LakeTable, TopicOffsets> landed) {
    PartitionBounds bounds = source.bounds(topic);
    range
        .start()
        .forEach(
            (partition, first) -> {
              long held = bounds.earliest().getOrDefault(partition, 0L);
              long lowest = Long.MAX_VALUE;
              for (TopicOffsets offsets : landed.values()) {
                lowest = Math.min(lowest, offsets.next(topic, partition).orElse(held));
              }
              if (first > lowest) {
                throw new PipelineException(
                    ErrorCode.LANDING_FAILED,
                    "Cannot land %s partition %d from offset %d: the tables hold it only up to offset %d, and landing"
                        + " would leave a gap. The stream's checkpoint belongs to other tables; delete it to start"
                        + " from what the tables hold",
                    topic, partition, first, lowest);
              }
            });
  }

  /** Messages of the range below every table's offsets: skipped. */
  private long alreadyLanded(KafkaRange range, Map<LakeTable, TopicOffsets> landed) {
    long skipped = 0;
    for (Map.Entry<Integer, Long> start : range.start().entrySet()) {
      long heldByAll = Long.MAX_VALUE;
      for (TopicOffsets offsets : landed.values()) {
        heldByAll = Math.min(heldByAll, offsets.next(topic, start.getKey()).orElse(0L));
      }
      long end = range.end().get(start.getKey());
      skipped += Math.max(0, Math.min(end, heldByAll) - start.getValue());
    }
    return skipped;
  }

  private Map<LakeTable, TopicOffsets> landedOffsets() {
    Map<LakeTable, TopicOffsets> landed = new EnumMap<>(LakeTable.class);
    for (LakeTable table : COMMIT_ORDER) {
      landed.put(table, LandedOffsets.of(IcebergTables.load(spark, table)));
    }
    return landed;
  }

  /** Parses the messages once and commits what each table lacks, in {@link #COMMIT_ORDER}. */
  private LandResult write(
      Dataset<Row> messages,
      KafkaRange range,
      Map<LakeTable, TopicOffsets> landed,
      Instant started,
      LanderLock lock,
      LandListener listener) {
    Column landedAt = timestamp_micros(lit(ChronoUnit.MICROS.between(Instant.EPOCH, started)));
    Dataset<Row> parsed = parse(messages).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> classified =
        AttemptFlattener.classify(parsed, spark.table(LakeConfig.qualified(LakeTable.ATTEMPTS)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> questionsWithOptions = AttemptFlattener.questionsWithOptions(classified);
      Map<LakeTable, Dataset<Row>> rows = new EnumMap<>(LakeTable.class);
      rows.put(LakeTable.ATTEMPTS, AttemptFlattener.attempts(classified, landedAt));
      rows.put(LakeTable.QUESTIONS, questionsWithOptions);
      rows.put(LakeTable.OPTIONS, AttemptFlattener.optionsWithOffsets(questionsWithOptions));
      rows.put(LakeTable.DUPLICATES, AttemptFlattener.duplicates(classified, landedAt));
      rows.put(LakeTable.QUARANTINE, AttemptFlattener.quarantine(parsed, landedAt));

      Map<LakeTable, Long> added = new EnumMap<>(LakeTable.class);
      for (LakeTable table : COMMIT_ORDER) {
        Dataset<Row> missing = rows.get(table).where(notLandedIn(landed.get(table)));
        Dataset<Row> sized = project(table, missing).coalesce(fileCount(range));
        added.put(table, commit(table, sized, landed.get(table), landed.get(table).advance(topic, range.end()), lock));
        listener.onCommitted(table, added.get(table));
      }
      source.landed(topic, landed.get(LakeTable.ATTEMPTS).advance(topic, range.end()).partitions(topic));
      LandResult result =
          new LandResult(range, added, alreadyLanded(range, landed), Duration.between(started, Instant.now()));
      log.info("Landed {} messages of {} in {}: {}", result.messages(), topic, result.elapsed(), added);
      return result;
    } finally {
      classified.unpersist();
      parsed.unpersist();
    }
  }

  /**
   * How many data files each table gets from a batch: the shuffle before it leaves many small partitions, and a
   * file per partition would leave thousands of tiny files after days of small batches.
   */
  private int fileCount(KafkaRange range) {
    long wanted = Math.max(1, (range.messageCount() + MESSAGES_PER_FILE - 1) / MESSAGES_PER_FILE);
    int cap = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
    return (int) Math.min(wanted, cap);
  }

  /** Parses each message once, in the executors, into {@link ParsedMessageSchema#MESSAGE} rows. */
  static Dataset<Row> parse(Dataset<Row> messages) {
    return messages
        .select(
            col("topic"), col("partition"), col("offset"), xxhash64(col("value")).as("content_hash"), col("value"))
        .mapPartitions(
            (MapPartitionsFunction<Row, Row>)
                input -> {
                  MessageRows rows = new MessageRows();
                  return new java.util.Iterator<>() {
                    @Override
                    public boolean hasNext() {
                      return input.hasNext();
                    }

                    @Override
                    public Row next() {
                      Row message = input.next();
                      return rows.toRow(
                          message.getString(0), message.getInt(1), message.getLong(2), message.getLong(3),
                          message.isNullAt(4) ? null : (byte[]) message.get(4));
                    }
                  };
                },
            Encoders.row(ParsedMessageSchema.MESSAGE));
  }

  /** From the lowest offset any table holds (or the earliest retained) to the latest. */
  private KafkaRange nextRange(PartitionBounds bounds, Map<LakeTable, TopicOffsets> landed) {
    Map<Integer, Long> start = new HashMap<>();
    bounds
        .latest()
        .forEach(
            (partition, latest) -> {
              long earliest = bounds.earliest().get(partition);
              long from = latest;
              for (TopicOffsets offsets : landed.values()) {
                from = Math.min(from, offsets.next(topic, partition).orElse(earliest));
              }
              if (from < earliest) {
                throw new PipelineException(
                    ErrorCode.LANDING_FAILED,
                    "Cannot land %s partition %d: offsets %d to %d were deleted from Kafka before they were landed",
                    topic, partition, from, earliest - 1);
              }
              start.put(partition, from);
            });
    landed.forEach(
        (table, offsets) ->
            offsets
                .partitions(topic)
                .forEach(
                    (partition, next) -> {
                      Long latest = bounds.latest().get(partition);
                      if (latest == null || next > latest) {
                        throw new PipelineException(
                            ErrorCode.LANDING_FAILED,
                            "Cannot land %s: table %s holds offsets up to %d of partition %d, but the topic ends at %s;"
                                + " was the topic deleted and created again?",
                            topic, table.tableName(), next, partition, latest);
                      }
                    }));
    return new KafkaRange(topic, start, bounds.latest());
  }

  /** Rows of messages the table does not hold yet. */
  private Column notLandedIn(TopicOffsets offsets) {
    Column keep = lit(true);
    for (Map.Entry<Integer, Long> entry : offsets.partitions(topic).entrySet()) {
      Column landedAlready =
          col("kafka_topic")
              .equalTo(topic)
              .and(col("kafka_partition").equalTo(entry.getKey()))
              .and(col("kafka_offset").lt(entry.getValue()));
      keep = keep.and(landedAlready.unary_$bang());
    }
    return keep;
  }

  private static Dataset<Row> project(LakeTable table, Dataset<Row> rows) {
    return switch (table) {
      case QUESTIONS -> AttemptFlattener.questions(rows);
      case OPTIONS -> rows.drop("kafka_topic", "kafka_partition", "kafka_offset");
      case ATTEMPTS, DUPLICATES, QUARANTINE -> rows;
    };
  }

  /**
   * Appends the rows and the table's new offsets in one Iceberg commit; returns the rows added. Refuses if the
   * table's offsets moved since the batch read them: another writer is landing the same messages.
   */
  private long commit(LakeTable table, Dataset<Row> rows, TopicOffsets expected, TopicOffsets offsets, LanderLock lock) {
    lock.checkHeld();
    Table iceberg = IcebergTables.load(spark, table);
    TopicOffsets current = LandedOffsets.of(iceberg);
    if (!current.equals(expected)) {
      throw new PipelineException(
          ErrorCode.LAKE_LOCKED,
          "Cannot commit to %s: another writer landed offsets %s since this batch read %s",
          LakeConfig.qualified(table), current.toJson(), expected.toJson());
    }
    Long before = iceberg.currentSnapshot() == null ? null : iceberg.currentSnapshot().snapshotId();
    try {
      rows.writeTo(LakeConfig.qualified(table)).option(LandedOffsets.WRITE_OPTION, offsets.toJson()).append();
    } catch (NoSuchTableException e) {
      throw new PipelineException(
          ErrorCode.LANDING_FAILED, e, "Cannot land into %s: the table disappeared", LakeConfig.qualified(table));
    } catch (Exception e) { // Spark throws SparkException, undeclared, when a write task fails
      throw new PipelineException(
          ErrorCode.HDFS_UNAVAILABLE,
          e,
          "Cannot write the batch to %s (offsets %s): %s. Nothing of it is visible in %s; landing again completes it",
          LakeConfig.qualified(table), offsets.toJson(), rootMessage(e), table.tableName());
    }
    iceberg.refresh();
    if (iceberg.currentSnapshot() == null || Objects.equals(iceberg.currentSnapshot().snapshotId(), before)) {
      // Spark wrote no snapshot for an empty batch: record the offsets in an empty one, or this table would
      // hold the whole range back next time.
      iceberg.newAppend().set(LandedOffsets.SUMMARY_KEY, offsets.toJson()).commit();
      return 0;
    }
    String added = iceberg.currentSnapshot().summary().get("added-records");
    return added == null ? 0 : Long.parseLong(added);
  }


  /** The innermost cause's message; its type and the nearest outer message when it has none. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    String outer = null;
    while (root.getCause() != null && root.getCause() != root) {
      if (root.getMessage() != null) {
        outer = root.getMessage();
      }
      root = root.getCause();
    }
    String message =
        root.getMessage() != null
            ? root.getMessage()
            : root.getClass().getSimpleName() + (outer == null ? "" : " (" + outer + ")");
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

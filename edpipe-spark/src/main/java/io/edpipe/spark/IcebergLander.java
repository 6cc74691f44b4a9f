package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.customer.Customers;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.spark.source.HasIcebergCatalog;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.types.StructType;
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

  /** Commit order: attempts decides which copies are duplicates; the rest follow it. */
  private static final List<LakeTable> COMMIT_ORDER =
      List.of(LakeTable.ATTEMPTS, LakeTable.QUESTIONS, LakeTable.OPTIONS, LakeTable.DUPLICATES, LakeTable.QUARANTINE);

  private final SparkSession spark;
  private final MessageSource source;
  private final String topic;
  private final String defaultCustomer;

  /** Lands messages without a customer header under {@link Customers#DEFAULT}. */
  public IcebergLander(SparkSession spark, MessageSource source, String topic) {
    this(spark, source, topic, Customers.DEFAULT);
  }

  /** @param defaultCustomer the customer of messages without a customer header */
  public IcebergLander(SparkSession spark, MessageSource source, String topic, String defaultCustomer) {
    this.spark = requireNonNull(spark, "spark is null");
    this.source = requireNonNull(source, "source is null");
    this.topic = requireNonNull(topic, "topic is null");
    this.defaultCustomer = Customers.check(defaultCustomer, "the default customer");
  }

  /** Every landed table's properties at creation. */
  private static final Map<String, String> TABLE_PROPERTIES =
      Map.of("format-version", "2", "write.parquet.compression-codec", "zstd");

  /**
   * Creates the namespace and any missing table, and adds to existing tables the columns a newer edpipe
   * defines (the contract only ever adds columns). Idempotent, and safe against another command creating the same
   * tables at the same time.
   *
   * <p>Through the Iceberg catalog, not Spark SQL: every command calls this first, and five {@code CREATE TABLE IF
   * NOT EXISTS} statements cost seconds of SQL parsing and analysis in a fresh session, where loading five tables
   * costs a few HDFS reads. The schema comes from the same column definitions, converted as Spark's {@code CREATE
   * TABLE} converts them.
   */
  public static void createTables(SparkSession spark) {
    Catalog catalog = icebergCatalog(spark);
    Namespace namespace = Namespace.of(LakeConfig.NAMESPACE);
    if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
      try {
        namespaces.createNamespace(namespace);
      } catch (AlreadyExistsException e) {
        // another command created it first
      }
    }
    for (LakeTable table : LakeTable.values()) {
      TableIdentifier id = TableIdentifier.of(namespace, table.tableName());
      Table iceberg = loadOrCreate(catalog, id, table);
      List<String> missing =
          table.columns().stream()
              .filter(column -> iceberg.schema().findField(column.name()) == null)
              .map(LakeTable.Column::definition)
              .toList();
      if (!missing.isEmpty()) {
        String name = LakeConfig.qualified(table);
        log.info("Adding columns to {}: {}", name, missing);
        spark.sql("ALTER TABLE " + name + " ADD COLUMNS (" + String.join(", ", missing) + ")");
      }
    }
  }

  private static Table loadOrCreate(Catalog catalog, TableIdentifier id, LakeTable table) {
    try {
      return catalog.loadTable(id);
    } catch (NoSuchTableException e) {
      Schema schema = SparkSchemaUtil.convert(StructType.fromDDL(table.columnDefinitions()));
      try {
        return catalog.createTable(id, schema, PartitionSpec.unpartitioned(), TABLE_PROPERTIES);
      } catch (AlreadyExistsException raced) {
        return catalog.loadTable(id);
      }
    }
  }

  /** The Iceberg catalog behind the session's lake catalog. */
  private static Catalog icebergCatalog(SparkSession spark) {
    CatalogPlugin plugin = spark.sessionState().catalogManager().catalog(LakeConfig.CATALOG);
    if (!(plugin instanceof HasIcebergCatalog iceberg)) {
      throw new PipelineException(
          ErrorCode.INTERNAL, "The session's catalog %s is not an Iceberg catalog: %s", LakeConfig.CATALOG, plugin);
    }
    return iceberg.icebergCatalog();
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
    Map<LakeTable, Table> tables = loadTables();
    Map<LakeTable, TopicOffsets> landed = landedOffsets(tables);
    KafkaRange range = nextRange(source.bounds(topic), landed);
    if (range.isEmpty()) {
      log.info("Nothing to land from {}: the tables hold every message up to {}", topic, range.end());
      source.landed(topic, range.end());
      return LandResult.upToDate(range, Duration.between(started, Instant.now()));
    }
    log.info("Landing {} messages of {}: offsets {} to {}", range.messageCount(), topic, range.start(), range.end());
    listener.onStart(range);
    BatchFiles.Input input =
        source
            .consumerSettings()
            .map(settings -> BatchFiles.kafka(spark, settings, range))
            .orElseGet(() -> BatchFiles.rows(spark, source.read(spark, range), range.messageCount()));
    BatchFiles files = writeFiles(input, tables, landed, started, "the batch");
    return commitAll(files, range, tables, landed, started, lock, listener);
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
    Map<LakeTable, Table> tables = loadTables();
    Map<LakeTable, TopicOffsets> landed = landedOffsets(tables);
    BatchFiles files = writeFiles(BatchFiles.rows(spark, messages, -1), tables, landed, started, "a micro-batch");
    Map<Integer, Long> first = new HashMap<>();
    Map<Integer, Long> next = new HashMap<>();
    files.spans().forEach((partition, span) -> {
      first.put(partition, span.first());
      next.put(partition, span.last() + 1);
    });
    KafkaRange range = new KafkaRange(topic, first, next);
    if (range.isEmpty()) {
      return LandResult.upToDate(range, Duration.between(started, Instant.now()));
    }
    try {
      checkContiguous(range, landed);
    } catch (RuntimeException e) {
      files.discard(tables.get(LakeTable.ATTEMPTS));
      throw e;
    }
    listener.onStart(range);
    return commitAll(files, range, tables, landed, started, lock, listener);
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

  private Map<LakeTable, Table> loadTables() {
    Map<LakeTable, Table> tables = new EnumMap<>(LakeTable.class);
    for (LakeTable table : COMMIT_ORDER) {
      Table iceberg = IcebergTables.load(spark, table);
      iceberg.refresh();
      tables.put(table, iceberg);
    }
    return tables;
  }

  private static Map<LakeTable, TopicOffsets> landedOffsets(Map<LakeTable, Table> tables) {
    Map<LakeTable, TopicOffsets> landed = new EnumMap<>(LakeTable.class);
    tables.forEach((table, iceberg) -> landed.put(table, LandedOffsets.of(iceberg)));
    return landed;
  }

  /** Parses the messages once and writes the data files of what each table lacks; commits nothing. */
  private BatchFiles writeFiles(
      BatchFiles.Input input,
      Map<LakeTable, Table> tables,
      Map<LakeTable, TopicOffsets> landed,
      Instant started,
      String what) {
    Map<LakeTable, Map<Integer, Long>> next = new EnumMap<>(LakeTable.class);
    landed.forEach((table, offsets) -> next.put(table, new HashMap<>(offsets.partitions(topic))));
    long landedAtMicros = ChronoUnit.MICROS.between(Instant.EPOCH, started);
    try {
      return BatchFiles.write(spark, input, topic, tables, next, landedAtMicros, defaultCustomer);
    } catch (PipelineException e) {
      throw e;
    } catch (Exception e) { // Spark throws SparkException, undeclared, when a task fails
      PipelineException cause = findPipelineException(e);
      if (cause != null) {
        throw cause;
      }
      throw new PipelineException(
          ErrorCode.HDFS_UNAVAILABLE,
          e,
          "Cannot write %s of %s to the tables: %s. Nothing of it is visible in the tables; landing again completes it",
          what, topic, rootMessage(e));
    }
  }

  /** A PipelineException a task threw (bad input it refuses), unwrapped from Spark's task failure. */
  private static PipelineException findPipelineException(Throwable e) {
    for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
      if (cause instanceof PipelineException pipeline) {
        return pipeline;
      }
    }
    return null;
  }

  /** Commits each table's files with its new offsets, in {@link #COMMIT_ORDER}. */
  private LandResult commitAll(
      BatchFiles files,
      KafkaRange range,
      Map<LakeTable, Table> tables,
      Map<LakeTable, TopicOffsets> landed,
      Instant started,
      LanderLock lock,
      LandListener listener) {
    Map<LakeTable, Long> added = new EnumMap<>(LakeTable.class);
    for (LakeTable table : COMMIT_ORDER) {
      TopicOffsets offsets = landed.get(table).advance(topic, range.end());
      added.put(table, commit(table, tables.get(table), files.files().get(table), landed.get(table), offsets, lock));
      listener.onCommitted(table, added.get(table));
    }
    source.landed(topic, landed.get(LakeTable.ATTEMPTS).advance(topic, range.end()).partitions(topic));
    LandResult result =
        new LandResult(range, added, alreadyLanded(range, landed), Duration.between(started, Instant.now()));
    log.info("Landed {} messages of {} in {}: {}", result.messages(), topic, result.elapsed(), added);
    return result;
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

  /**
   * Appends the files and the table's new offsets in one Iceberg commit; returns the rows added. Refuses if the
   * table's offsets moved since the batch read them: another writer is landing the same messages. A batch that
   * adds no rows still commits, an empty snapshot with the offsets, or this table would hold the range back.
   */
  private long commit(
      LakeTable table, Table iceberg, List<DataFile> files, TopicOffsets expected, TopicOffsets offsets, LanderLock lock) {
    lock.checkHeld();
    iceberg.refresh();
    TopicOffsets current = LandedOffsets.of(iceberg);
    if (!current.equals(expected)) {
      throw new PipelineException(
          ErrorCode.LAKE_LOCKED,
          "Cannot commit to %s: another writer landed offsets %s since this batch read %s",
          LakeConfig.qualified(table), current.toJson(), expected.toJson());
    }
    AppendFiles append = iceberg.newAppend();
    long rows = 0;
    for (DataFile file : files) {
      append.appendFile(file);
      rows += file.recordCount();
    }
    append.set(LandedOffsets.SUMMARY_KEY, offsets.toJson());
    try {
      append.commit();
    } catch (RuntimeException e) {
      throw new PipelineException(
          ErrorCode.HDFS_UNAVAILABLE,
          e,
          "Cannot commit the batch to %s (offsets %s): %s. Nothing of it is visible in %s; landing again completes it",
          LakeConfig.qualified(table), offsets.toJson(), rootMessage(e), table.tableName());
    }
    return rows;
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

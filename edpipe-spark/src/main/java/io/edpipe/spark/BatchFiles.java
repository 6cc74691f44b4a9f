package io.edpipe.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.edpipe.core.customer.Customers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.SerializableTable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch's data files for all five tables in one pass over its messages ({@link LandTask}, one Spark
 * task per input partition), checks the tasks' keepers ({@link KeeperCheck}) and lands again the partitions where
 * they do not hold. Commits nothing: {@link #files} are for the caller to commit.
 */
final class BatchFiles {
  private static final Logger log = LoggerFactory.getLogger(BatchFiles.class);

  /**
   * The session setting for the messages per task below which a batch is not spread over more tasks (default
   * {@value #DEFAULT_MESSAGES_PER_TASK}): each task writes a file per table, and small batches in many files would
   * leave thousands of tiny files after days of landing. A batch never has more tasks than its input partitions.
   * On a cluster a batch has a task for each executor core at least (up to a task per partition): there the
   * executors are other machines, and a core left idle is a machine's share of the reading left undone.
   */
  static final String MESSAGES_PER_TASK = "spark.edpipe.land.messagesPerTask";

  static final long DEFAULT_MESSAGES_PER_TASK = 100_000;

  private final Map<LakeTable, List<DataFile>> files;
  private final Map<LakeTable, Long> rows;
  private final Map<Integer, TaskResult.Span> spans;

  private BatchFiles(List<TaskResult> results) {
    files = new EnumMap<>(LakeTable.class);
    rows = new EnumMap<>(LakeTable.class);
    spans = new HashMap<>();
    for (LakeTable table : LakeTable.values()) {
      files.put(table, new ArrayList<>());
      rows.put(table, 0L);
    }
    for (TaskResult result : results) {
      result.files().forEach((table, written) -> files.get(table).addAll(written));
      result.rows().forEach((table, count) -> rows.merge(table, count, Long::sum));
      result.spans()
          .forEach(
              (partition, span) ->
                  spans.merge(
                      partition,
                      span,
                      (a, b) ->
                          new TaskResult.Span(
                              Math.min(a.first(), b.first()), Math.max(a.last(), b.last()), a.messages() + b.messages())));
    }
  }

  /** Where a batch's messages come from; runs a landing task over them, or over some of their partitions. */
  interface Input {
    /** Runs {@code task} over the messages of {@code partitions}, or of all partitions when null. */
    List<TaskResult> run(LandTask task, Set<Integer> partitions);
  }

  /**
   * Messages as rows of Spark's Kafka columns ({@code topic, partition, offset, value}, and {@code headers} when
   * the source includes them): a micro-batch of a stream, or a test's topic in memory.
   *
   * @param expectedMessages how many there are, to size the tasks; -1 when unknown: one task per partition of
   *     {@code messages} then
   */
  static Input rows(SparkSession spark, Dataset<Row> messages, long expectedMessages) {
    Column customer =
        Arrays.asList(messages.columns()).contains("headers")
            ? expr("try_element_at(filter(headers, header -> header.key = '" + Customers.HEADER + "'), -1).value")
            : lit(null).cast(DataTypes.BinaryType);
    Dataset<Row> input =
        sized(
            spark,
            messages.select(col("topic"), col("partition"), col("offset"), col("value"), customer.as("customer")),
            expectedMessages);
    return (task, partitions) -> {
      Dataset<Row> chosen =
          partitions == null ? input : input.where(input.col("partition").isin(partitions.toArray()));
      JavaRDD<InternalRow> rows = chosen.queryExecution().toRdd().toJavaRDD();
      return rows.mapPartitions(task).collect();
    };
  }

  /** Messages read straight from Kafka by the tasks ({@link KafkaSliceTask}), a task per partition. */
  static Input kafka(SparkSession spark, Map<String, Object> consumerSettings, KafkaRange range) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Map<String, Object> settings = KafkaSliceTask.settings(consumerSettings);
    long perTask = messagesPerTask(spark);
    return (task, partitions) -> {
      List<KafkaSlice> slices = new ArrayList<>();
      range
          .start()
          .forEach(
              (partition, from) -> {
                long until = range.end().get(partition);
                if (until > from && (partitions == null || partitions.contains(partition))) {
                  slices.add(new KafkaSlice(range.topic(), partition, from, until));
                }
              });
      if (slices.isEmpty()) {
        return List.of();
      }
      slices.sort(Comparator.comparingInt(KafkaSlice::partition));
      long messages = slices.stream().mapToLong(slice -> slice.until() - slice.from()).sum();
      int tasks = (int) Math.min(slices.size(), Math.max(minimumTasks(spark), (messages + perTask - 1) / perTask));
      return context.parallelize(slices, tasks).mapPartitions(new KafkaSliceTask(task, settings)).collect();
    };
  }

  /**
   * Writes the files of the batch's messages.
   *
   * @param tables the five tables, as loaded
   * @param next per table, per partition of {@code topic}, the offset below which it holds every message
   * @param landedAtMicros the batch's landed_at
   * @param defaultCustomer the customer of messages without a customer header
   */
  static BatchFiles write(
      SparkSession spark,
      Input input,
      String topic,
      Map<LakeTable, Table> tables,
      Map<LakeTable, Map<Integer, Long>> next,
      long landedAtMicros,
      String defaultCustomer) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Map<LakeTable, Broadcast<Table>> broadcast = new EnumMap<>(LakeTable.class);
    tables.forEach((table, iceberg) -> broadcast.put(table, context.broadcast(SerializableTable.copyOf(iceberg))));
    String operationId = UUID.randomUUID().toString();
    String keysLocation = tables.get(LakeTable.ATTEMPTS).location() + "/edpipe-staging/" + operationId;
    try {
      List<TaskResult> results =
          input.run(
              new LandTask(
                  topic, defaultCustomer, broadcast, next, context.broadcast(Map.of()), landedAtMicros, operationId,
                  keysLocation),
              null);
      List<String> keysFiles = results.stream().map(TaskResult::keysFile).filter(f -> f != null).toList();
      long[] keptTwice = KeeperCheck.keptTwice(results.stream().map(TaskResult::keeperHashes).toList());
      KeeperCheck.Disputes disputes =
          new KeeperCheck(spark).check(keysFiles, keptTwice, hasRows(tables.get(LakeTable.ATTEMPTS)));
      if (disputes.isEmpty()) {
        return new BatchFiles(results);
      }
      Set<Integer> again = closure(disputes.partitions(), results);
      log.info(
          "{} keen_ids have copies the tasks could not decide alone (in two partitions, or landed before): landing"
              + " partitions {} of {} again with the batch's keepers",
          disputes.keepers().size(), again, topic);
      List<TaskResult> kept = new ArrayList<>();
      for (TaskResult result : results) {
        if (result.partitions().stream().anyMatch(again::contains)) {
          delete(tables.get(LakeTable.ATTEMPTS), result.files());
        } else {
          kept.add(result);
        }
      }
      kept.addAll(
          input.run(
              new LandTask(
                  topic,
                  defaultCustomer,
                  broadcast,
                  next,
                  context.broadcast(new HashMap<>(disputes.keepers())),
                  landedAtMicros,
                  operationId,
                  keysLocation + "/again"),
              again));
      return new BatchFiles(kept);
    } finally {
      deleteDirectory(spark, keysLocation);
      broadcast.values().forEach(b -> b.destroy(false));
    }
  }

  private static boolean hasRows(Table table) {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return false;
    }
    String records = current.summary().get("total-records");
    return records == null || Long.parseLong(records) > 0;
  }

  /** 1 in local mode, the executors' cores on a cluster. */
  private static int minimumTasks(SparkSession spark) {
    return spark.sparkContext().isLocal() ? 1 : Math.max(1, spark.sparkContext().defaultParallelism());
  }

  private static long messagesPerTask(SparkSession spark) {
    return Math.max(1, Long.parseLong(spark.conf().get(MESSAGES_PER_TASK, String.valueOf(DEFAULT_MESSAGES_PER_TASK))));
  }

  private static Dataset<Row> sized(SparkSession spark, Dataset<Row> input, long expectedMessages) {
    if (expectedMessages < 0) {
      return input;
    }
    long perTask = messagesPerTask(spark);
    long wanted = Math.max(minimumTasks(spark), (expectedMessages + perTask - 1) / perTask);
    int partitions = input.rdd().getNumPartitions();
    return wanted < partitions ? input.coalesce((int) wanted) : input;
  }

  /** The partitions to land again: those given, and every other partition a task mixed with one of them. */
  private static Set<Integer> closure(Set<Integer> partitions, List<TaskResult> results) {
    Set<Integer> again = new HashSet<>(partitions);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (TaskResult result : results) {
        if (result.partitions().stream().anyMatch(again::contains)) {
          grew |= again.addAll(result.partitions());
        }
      }
    }
    return again;
  }

  private static void delete(Table table, Map<LakeTable, List<DataFile>> files) {
    for (List<DataFile> written : files.values()) {
      for (DataFile file : written) {
        try {
          table.io().deleteFile(file.location());
        } catch (RuntimeException e) {
          log.warn("Cannot delete {}, left for maintain: {}", file.location(), e.toString());
        }
      }
    }
  }

  private static void deleteDirectory(SparkSession spark, String location) {
    Path path = new Path(location);
    try {
      path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, true);
    } catch (IOException | RuntimeException e) {
      log.warn("Cannot delete the batch's keys files in {}, left for maintain: {}", location, e.toString());
    }
  }

  Map<LakeTable, List<DataFile>> files() {
    return files;
  }

  /** Rows written per table. */
  Map<LakeTable, Long> rows() {
    return rows;
  }

  /** Per partition, the offsets read. */
  Map<Integer, TaskResult.Span> spans() {
    return spans;
  }

  /** Deletes the files, for a batch that will not be committed. */
  void discard(Table anyTable) {
    delete(anyTable, files);
  }
}

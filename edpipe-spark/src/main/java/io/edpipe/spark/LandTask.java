package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.shaded.org.apache.parquet.io.api.Binary;
import org.apache.iceberg.types.Types;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * One Spark task of a landing batch: reads its messages (rows of Spark's Kafka columns, or straight from Kafka
 * through {@link KafkaSliceTask}), flattens
 * each once ({@link MessageFlattener}) and writes the five tables' rows straight into Parquet data files of those
 * tables, plus a small file of the keys it kept. Commits nothing: the driver commits the files it returns, so a
 * failed or retried task leaves only unreferenced files, which {@code maintain} deletes.
 */
final class LandTask implements FlatMapFunction<Iterator<InternalRow>, TaskResult> {
  private static final long serialVersionUID = 1L;

  /** The keys file's columns: a keeper's keen_id and where it is. */
  static final Schema KEYS_SCHEMA =
      new Schema(
          Types.NestedField.required(1, "keen_id", Types.StringType.get()),
          Types.NestedField.required(2, "kafka_topic", Types.StringType.get()),
          Types.NestedField.required(3, "kafka_partition", Types.IntegerType.get()),
          Types.NestedField.required(4, "kafka_offset", Types.LongType.get()),
          Types.NestedField.required(5, "content_hash", Types.LongType.get()));

  /**
   * A column's dictionary stops growing here, unless the table sets {@code write.parquet.dict-size-bytes}: ids
   * (keen_id, user_exam_id, question ids) then fall back to plain encoding early, and the columns with few values
   * (exam names, results) keep their dictionaries. Iceberg's default, 2 MB, lets every id column grow a hash map of
   * up to 2 MB of distinct values before it falls back: single-threaded, 256 KB lands about 15 % faster, with files
   * 1 % smaller (50,000 twin events).
   */
  static final String DICTIONARY_PAGE_BYTES = String.valueOf(256 * 1024);

  private final String topic;
  private final Map<LakeTable, Broadcast<Table>> tables;
  private final Map<LakeTable, Map<Integer, Long>> next;
  private final Broadcast<Map<String, Keeper>> resolved;
  private final long landedAtMicros;
  private final String operationId;
  private final String keysLocation;

  /**
   * @param tables serializable copies of the tables, broadcast
   * @param keysLocation the directory for the keys files of this batch
   */
  LandTask(
      String topic,
      Map<LakeTable, Broadcast<Table>> tables,
      Map<LakeTable, Map<Integer, Long>> next,
      Broadcast<Map<String, Keeper>> resolved,
      long landedAtMicros,
      String operationId,
      String keysLocation) {
    this.topic = requireNonNull(topic, "topic is null");
    this.tables = new EnumMap<>(requireNonNull(tables, "tables is null"));
    this.next = new EnumMap<>(requireNonNull(next, "next is null"));
    this.resolved = requireNonNull(resolved, "resolved is null");
    this.landedAtMicros = landedAtMicros;
    this.operationId = requireNonNull(operationId, "operationId is null");
    this.keysLocation = requireNonNull(keysLocation, "keysLocation is null");
  }

  /** A task's messages, handed over one at a time. */
  interface MessageFeed {
    void feed(MessageHandler handler);
  }

  /** Takes one message of the batch's topic; its value may be null. */
  interface MessageHandler {
    void accept(int partition, long offset, byte[] value);
  }

  /** Lands rows of Spark's Kafka columns ({@code topic, partition, offset, value}). */
  @Override
  public Iterator<TaskResult> call(Iterator<InternalRow> messages) {
    return List.of(
            land(
                handler -> {
                  while (messages.hasNext()) {
                    InternalRow message = messages.next();
                    String messageTopic = message.getUTF8String(0).toString();
                    if (!topic.equals(messageTopic)) {
                      throw new PipelineException(
                          ErrorCode.LANDING_FAILED,
                          "Cannot land a message of topic %s into the tables of %s", messageTopic, topic);
                    }
                    handler.accept(message.getInt(1), message.getLong(2), message.isNullAt(3) ? null : message.getBinary(3));
                  }
                }))
        .iterator();
  }

  /** Lands the messages {@code feed} hands over: writes their rows, returns the files. */
  TaskResult land(MessageFeed feed) {
    TaskContext context = TaskContext.get();
    int partitionId = context == null ? 0 : context.partitionId();
    long taskId = context == null ? 0 : context.taskAttemptId();
    Map<LakeTable, Schema> schemas = new EnumMap<>(LakeTable.class);
    for (LakeTable table : LakeTable.values()) {
      schemas.put(table, tables.get(table).value().schema());
    }
    try (Files files = new Files(schemas, partitionId, taskId)) {
      MessageFlattener flattener =
          new MessageFlattener(
              topic, schemas, next, resolved.value(), landedAtMicros, files::write, files::keeper);
      Map<Integer, TaskResult.Span> spans = new HashMap<>();
      feed.feed(
          (partition, offset, value) -> {
            flattener.accept(partition, offset, value);
            TaskResult.Span span = spans.get(partition);
            spans.put(partition, span == null ? new TaskResult.Span(offset, offset, 1) : span.plus(offset));
          });
      return files.finish(flattener.rows(), spans);
    }
  }

  /** The task's open files: one data file per table that gets rows, and the keys file. */
  private final class Files implements AutoCloseable {
    private final Map<LakeTable, Schema> schemas;
    private final int partitionId;
    private final long taskId;
    private final Map<LakeTable, DataWriter<TableRow>> writers = new EnumMap<>(LakeTable.class);
    private final TableRow keyRow = new TableRow(KEYS_SCHEMA);
    private FileAppender<TableRow> keys;
    private String keysPath;
    private long[] keeperHashes = new long[1024];
    private int keepers;
    private boolean finished;

    Files(Map<LakeTable, Schema> schemas, int partitionId, long taskId) {
      this.schemas = schemas;
      this.partitionId = partitionId;
      this.taskId = taskId;
    }

    void write(LakeTable table, TableRow row) {
      DataWriter<TableRow> writer = writers.get(table);
      if (writer == null) {
        writer = open(table);
        writers.put(table, writer);
      }
      writer.write(row);
    }

    private DataWriter<TableRow> open(LakeTable table) {
      Table iceberg = tables.get(table).value();
      Schema schema = schemas.get(table);
      OutputFileFactory outputs =
          OutputFileFactory.builderFor(iceberg, partitionId, taskId)
              .format(FileFormat.PARQUET)
              .operationId(operationId)
              .build();
      try {
        return Parquet.writeData(outputs.newOutputFile())
            .forTable(iceberg)
            .set(
                TableProperties.PARQUET_DICT_SIZE_BYTES,
                iceberg.properties().getOrDefault(TableProperties.PARQUET_DICT_SIZE_BYTES, DICTIONARY_PAGE_BYTES))
            .createWriterFunc(message -> new TableRowWriter(message, schema))
            .overwrite()
            .build();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot open a data file of " + iceberg.name(), e);
      }
    }

    void keeper(Binary keenId, String keeperTopic, int partition, long offset, long contentHash) {
      if (keys == null) {
        Table attempts = tables.get(LakeTable.ATTEMPTS).value();
        keysPath = keysLocation + "/keys-" + partitionId + "-" + taskId + ".parquet";
        try {
          keys =
              Parquet.write(attempts.io().newOutputFile(keysPath))
                  .schema(KEYS_SCHEMA)
                  .createWriterFunc(message -> new TableRowWriter(message, KEYS_SCHEMA))
                  .overwrite()
                  .build();
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot open the keys file " + keysPath, e);
        }
      }
      if (keepers == keeperHashes.length) {
        keeperHashes = Arrays.copyOf(keeperHashes, keepers * 2);
      }
      keeperHashes[keepers++] = KeeperCheck.hash(keenId);
      keyRow.setString(0, keenId);
      keyRow.setString(1, keeperTopic);
      keyRow.setInt(2, partition);
      keyRow.setLong(3, offset);
      keyRow.setLong(4, contentHash);
      keys.add(keyRow);
    }

    TaskResult finish(Map<LakeTable, Long> rows, Map<Integer, TaskResult.Span> spans) {
      Map<LakeTable, List<DataFile>> dataFiles = new EnumMap<>(LakeTable.class);
      try {
        for (Map.Entry<LakeTable, DataWriter<TableRow>> writer : writers.entrySet()) {
          writer.getValue().close();
          dataFiles.put(writer.getKey(), List.of(writer.getValue().toDataFile()));
        }
        if (keys != null) {
          keys.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot close the data files of a landing task", e);
      }
      finished = true;
      long[] hashes = Arrays.copyOf(keeperHashes, keepers);
      Arrays.sort(hashes);
      return new TaskResult(dataFiles, new EnumMap<>(rows), keysPath, hashes, spans);
    }

    /** On failure: closes what is open and deletes it, best effort (maintain deletes what is left). */
    @Override
    public void close() {
      if (finished) {
        return;
      }
      List<String> written = new ArrayList<>();
      for (DataWriter<TableRow> writer : writers.values()) {
        try {
          writer.close();
          written.add(writer.toDataFile().location());
        } catch (IOException | RuntimeException e) {
          // already failing: the file stays an orphan
        }
      }
      if (keys != null) {
        try {
          keys.close();
        } catch (IOException | RuntimeException e) {
          // already failing
        }
        written.add(keysPath);
      }
      for (String path : written) {
        try {
          tables.get(LakeTable.ATTEMPTS).value().io().deleteFile(path);
        } catch (RuntimeException e) {
          // an orphan for maintain
        }
      }
    }
  }
}

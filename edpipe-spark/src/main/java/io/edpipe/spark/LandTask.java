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
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.ParquetUtil;
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

  private final String topic;
  private final String defaultCustomer;
  private final Map<LakeTable, Broadcast<Table>> tables;
  private final Map<LakeTable, Map<Integer, Long>> next;
  private final Broadcast<Map<String, Keeper>> resolved;
  private final long landedAtMicros;
  private final String operationId;
  private final String keysLocation;

  /**
   * @param defaultCustomer the customer of messages without a customer header
   * @param tables serializable copies of the tables, broadcast
   * @param keysLocation the directory for the keys files of this batch
   */
  LandTask(
      String topic,
      String defaultCustomer,
      Map<LakeTable, Broadcast<Table>> tables,
      Map<LakeTable, Map<Integer, Long>> next,
      Broadcast<Map<String, Keeper>> resolved,
      long landedAtMicros,
      String operationId,
      String keysLocation) {
    this.topic = requireNonNull(topic, "topic is null");
    this.defaultCustomer = requireNonNull(defaultCustomer, "defaultCustomer is null");
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

  /** Takes one message of the batch's topic; its value may be null, and its customer header is null if absent. */
  interface MessageHandler {
    void accept(int partition, long offset, byte[] value, byte[] customerHeader);
  }

  /**
   * Lands rows of Spark's Kafka columns ({@code topic, partition, offset, value}) and the value of each message's
   * customer header ({@code customer}, binary, null when absent).
   */
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
                    handler.accept(
                        message.getInt(1),
                        message.getLong(2),
                        message.isNullAt(3) ? null : message.getBinary(3),
                        message.isNullAt(4) ? null : message.getBinary(4));
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
              topic, schemas, next, resolved.value(), landedAtMicros, defaultCustomer, files::write, files::keeper);
      Map<Integer, TaskResult.Span> spans = new HashMap<>();
      feed.feed(
          (partition, offset, value, customerHeader) -> {
            flattener.accept(partition, offset, value, customerHeader);
            TaskResult.Span span = spans.get(partition);
            spans.put(partition, span == null ? new TaskResult.Span(offset, offset, 1) : span.plus(offset));
          });
      return files.finish(flattener.rows(), spans);
    }
  }

  /** A table's data file being written, and where it goes. */
  private record DataFileWriter(EncryptedOutputFile file, FlatParquetWriter parquet) {
    /** Closes the file and describes it for the table's commit. */
    DataFile close(Table table) throws IOException {
      parquet.close();
      return DataFiles.builder(table.spec())
          .withPath(file.encryptingOutputFile().location())
          .withFormat(FileFormat.PARQUET)
          .withFileSizeInBytes(parquet.length())
          .withMetrics(ParquetUtil.footerMetrics(parquet.footer(), Stream.empty(), MetricsConfig.forTable(table)))
          .withSplitOffsets(parquet.splitOffsets())
          .withEncryptionKeyMetadata(file.keyMetadata())
          .build();
    }
  }

  /** The task's open files: one data file per table that gets rows, and the keys file. */
  private final class Files implements AutoCloseable {
    private final Map<LakeTable, Schema> schemas;
    private final int partitionId;
    private final long taskId;
    private final Map<LakeTable, DataFileWriter> writers = new EnumMap<>(LakeTable.class);
    private final TableRow keyRow = new TableRow(KEYS_SCHEMA);
    private FlatParquetWriter keys;
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
      DataFileWriter writer = writers.get(table);
      if (writer == null) {
        writer = open(table);
        writers.put(table, writer);
      }
      try {
        writer.parquet().write(row);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write to " + writer.file().encryptingOutputFile().location(), e);
      }
    }

    private DataFileWriter open(LakeTable table) {
      Table iceberg = tables.get(table).value();
      OutputFileFactory outputs =
          OutputFileFactory.builderFor(iceberg, partitionId, taskId)
              .format(FileFormat.PARQUET)
              .operationId(operationId)
              .build();
      EncryptedOutputFile file = outputs.newOutputFile();
      try {
        return new DataFileWriter(
            file, new FlatParquetWriter(file.encryptingOutputFile(), schemas.get(table), iceberg.properties()));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot open a data file of " + iceberg.name(), e);
      }
    }

    void keeper(byte[] text, int from, int length, String keeperTopic, int partition, long offset, long contentHash) {
      if (keys == null) {
        Table attempts = tables.get(LakeTable.ATTEMPTS).value();
        keysPath = keysLocation + "/keys-" + partitionId + "-" + taskId + ".parquet";
        try {
          keys = new FlatParquetWriter(attempts.io().newOutputFile(keysPath), KEYS_SCHEMA, attempts.properties());
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot open the keys file " + keysPath, e);
        }
      }
      if (keepers == keeperHashes.length) {
        keeperHashes = Arrays.copyOf(keeperHashes, keepers * 2);
      }
      keeperHashes[keepers++] = KeeperCheck.hash(text, from, length);
      keyRow.setString(0, text, from, length);
      keyRow.setString(1, keeperTopic);
      keyRow.setInt(2, partition);
      keyRow.setLong(3, offset);
      keyRow.setLong(4, contentHash);
      try {
        keys.write(keyRow);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the keys file " + keysPath, e);
      }
    }

    TaskResult finish(Map<LakeTable, Long> rows, Map<Integer, TaskResult.Span> spans) {
      Map<LakeTable, List<DataFile>> dataFiles = new EnumMap<>(LakeTable.class);
      try {
        for (Map.Entry<LakeTable, DataFileWriter> writer : writers.entrySet()) {
          dataFiles.put(writer.getKey(), List.of(writer.getValue().close(tables.get(writer.getKey()).value())));
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
      for (DataFileWriter writer : writers.values()) {
        try {
          writer.parquet().close();
        } catch (IOException | RuntimeException e) {
          // already failing: the file stays an orphan, unless the delete below finds it
        }
        written.add(writer.file().encryptingOutputFile().location());
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

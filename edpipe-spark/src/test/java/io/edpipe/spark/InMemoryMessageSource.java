package io.edpipe.spark;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** A topic held in memory, with Kafka's offsets: a fake for {@link KafkaMessageSource}. */
final class InMemoryMessageSource implements MessageSource {
  private static final StructType SCHEMA =
      new StructType()
          .add("topic", DataTypes.StringType, false)
          .add("partition", DataTypes.IntegerType, false)
          .add("offset", DataTypes.LongType, false)
          .add("value", DataTypes.BinaryType, true)
          .add(
              "headers",
              DataTypes.createArrayType(
                  new StructType().add("key", DataTypes.StringType).add("value", DataTypes.BinaryType)),
              true);

  private final String topic;
  private final List<List<byte[]>> partitions = new ArrayList<>();
  /** Per partition, each message's customer header value; null for none. */
  private final List<List<byte[]>> customers = new ArrayList<>();

  InMemoryMessageSource(String topic, int partitionCount) {
    this.topic = requireNonNull(topic, "topic is null");
    for (int i = 0; i < partitionCount; i++) {
      partitions.add(new ArrayList<>());
      customers.add(new ArrayList<>());
    }
  }

  /** Appends to a partition; returns the message's offset. */
  long append(int partition, String value) {
    return append(partition, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  long append(int partition, byte[] value) {
    return append(partition, value, null);
  }

  /** Appends a message with a customer header (its raw value; none when null). */
  long append(int partition, byte[] value, byte[] customerHeader) {
    partitions.get(partition).add(value);
    customers.get(partition).add(customerHeader);
    return partitions.get(partition).size() - 1L;
  }

  @Override
  public PartitionBounds bounds(String requested) {
    Map<Integer, Long> earliest = new HashMap<>();
    Map<Integer, Long> latest = new HashMap<>();
    for (int partition = 0; partition < partitions.size(); partition++) {
      earliest.put(partition, 0L);
      latest.put(partition, (long) partitions.get(partition).size());
    }
    return new PartitionBounds(earliest, latest);
  }

  @Override
  public Dataset<Row> read(SparkSession spark, KafkaRange range) {
    List<Row> rows = new ArrayList<>();
    range
        .start()
        .forEach(
            (partition, start) -> {
              for (long offset = start; offset < range.end().get(partition); offset++) {
                byte[] customer = customers.get(partition).get((int) offset);
                List<Row> headers =
                    customer == null
                        ? List.of(RowFactory.create("other", new byte[] {1}))
                        : List.of(RowFactory.create("customer", customer), RowFactory.create("other", new byte[] {1}));
                rows.add(
                    RowFactory.create(
                        topic, partition, offset, partitions.get(partition).get((int) offset), headers.toArray()));
              }
            });
    // one input partition per topic partition, as Spark's Kafka source reads them
    return spark.createDataFrame(rows, SCHEMA).repartitionByRange(partitions.size(), col("partition"));
  }
}

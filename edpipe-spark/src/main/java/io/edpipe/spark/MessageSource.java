package io.edpipe.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Where landing reads messages from: Kafka in production, memory in tests. */
public interface MessageSource {
  /** Each partition's first retained offset and the offset after its last message, as of now. */
  PartitionBounds bounds(String topic);

  /**
   * The messages of the range as rows of {@code topic STRING, partition INT, offset BIGINT, value BINARY}, the
   * columns Spark's Kafka source gives.
   */
  Dataset<Row> read(SparkSession spark, KafkaRange range);
}

package io.edpipe.spark;

import java.util.Map;
import java.util.Optional;
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

  /**
   * The Kafka client settings with which landing tasks read the topic themselves, faster than through {@link
   * #read}; empty when the messages are not in Kafka.
   */
  default Optional<Map<String, Object>> consumerSettings() {
    return Optional.empty();
  }

  /**
   * Told after every table holds the messages before {@code next}, so that standard tools can see the landing
   * lag. The tables stay the record of what is landed: a failure here must not fail the landing.
   */
  default void landed(String topic, Map<Integer, Long> next) {}
}

package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads bounded offset ranges of a topic with Spark's Kafka source; asks the brokers for the bounds; commits
 * what is landed to the consumer group {@value #GROUP_ID}, so that {@code kafka-consumer-groups --describe} and
 * lag monitors see it.
 */
public final class KafkaMessageSource implements MessageSource {
  /** The consumer group whose committed offsets mirror what the tables hold. */
  public static final String GROUP_ID = "edpipe-lander";

  private static final Logger log = LoggerFactory.getLogger(KafkaMessageSource.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final String bootstrapServers;
  private final Map<String, String> clientProperties;

  /**
   * @param clientProperties extra Kafka client settings (security.protocol, sasl.*...), passed to the admin
   *     client and, prefixed with {@code kafka.}, to Spark's source
   */
  public KafkaMessageSource(String bootstrapServers, Map<String, String> clientProperties) {
    this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers is null");
    this.clientProperties = Map.copyOf(requireNonNull(clientProperties, "clientProperties is null"));
  }

  @Override
  public void landed(String topic, Map<Integer, Long> next) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    next.forEach((partition, offset) -> offsets.put(new TopicPartition(topic, partition), new OffsetAndMetadata(offset)));
    try (Admin admin = admin()) {
      admin.alterConsumerGroupOffsets(GROUP_ID, offsets).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.warn("Cannot commit the landed offsets {} of {} to consumer group {}: {}", next, topic, GROUP_ID, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Interrupted while committing the landed offsets of {} to consumer group {}", topic, GROUP_ID);
    }
  }

  private Admin admin() {
    Map<String, Object> settings = new HashMap<>(clientProperties);
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    return Admin.create(settings);
  }

  @Override
  public PartitionBounds bounds(String topic) {
    try (Admin admin = admin()) {
      TopicDescription description =
          admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(topic);
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      description
          .partitions()
          .forEach(
              info -> {
                earliest.put(new TopicPartition(topic, info.partition()), OffsetSpec.earliest());
                latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest());
              });
      return new PartitionBounds(
          offsets(admin.listOffsets(earliest).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)),
          offsets(admin.listOffsets(latest).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new PipelineException(
            ErrorCode.BAD_USAGE, e.getCause(), "Cannot land topic %s: it does not exist on %s", topic, bootstrapServers);
      }
      throw unavailable(topic, e.getCause());
    } catch (TimeoutException e) {
      throw unavailable(topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(topic, e);
    }
  }

  private PipelineException unavailable(String topic, Throwable cause) {
    return new PipelineException(
        ErrorCode.KAFKA_UNAVAILABLE,
        cause,
        "Cannot read the offsets of topic %s from %s: %s",
        topic,
        bootstrapServers,
        cause.getMessage());
  }

  private static Map<Integer, Long> offsets(Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result) {
    Map<Integer, Long> offsets = new HashMap<>();
    result.forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
    return offsets;
  }

  @Override
  public Optional<Map<String, Object>> consumerSettings() {
    Map<String, Object> settings = new HashMap<>(clientProperties);
    settings.put("bootstrap.servers", bootstrapServers);
    return Optional.of(settings);
  }

  @Override
  public Dataset<Row> read(SparkSession spark, KafkaRange range) {
    DataFrameReader reader =
        spark
            .read()
            .format("kafka")
            .option("kafka.bootstrap.servers", bootstrapServers)
            .option("assign", assignment(range))
            .option("startingOffsets", TopicOffsets.of(range.topic(), range.start()).toJson())
            .option("endingOffsets", TopicOffsets.of(range.topic(), range.end()).toJson())
            .option("failOnDataLoss", "true")
            .option("includeHeaders", "true");
    clientProperties.forEach((key, value) -> reader.option("kafka." + key, value));
    return reader.load().select("topic", "partition", "offset", "value", "headers");
  }

  private static String assignment(KafkaRange range) {
    return "{\"" + range.topic() + "\":" + range.start().keySet().stream().sorted().toList() + "}";
  }
}

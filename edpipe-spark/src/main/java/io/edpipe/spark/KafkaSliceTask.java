package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.customer.Customers;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * A landing task that reads its slices straight from Kafka with a consumer of its own, as Spark's Kafka source
 * does inside its tasks, but handing each value to the {@link LandTask} as the consumer returns it: no row per
 * message, no copy. Large fetches keep the round trips to the broker few. Offsets that are gone (deleted by
 * retention since the batch began) fail the task: the consumer is told not to reset.
 */
final class KafkaSliceTask implements FlatMapFunction<Iterator<KafkaSlice>, TaskResult> {
  private static final long serialVersionUID = 1L;

  /** How long a task waits for the next record before it gives up on the broker. */
  private static final Duration STALL = Duration.ofSeconds(120);

  private final LandTask task;
  private final Map<String, Object> consumerSettings;

  /** @param consumerSettings the Kafka client settings (bootstrap servers, security) */
  KafkaSliceTask(LandTask task, Map<String, Object> consumerSettings) {
    this.task = requireNonNull(task, "task is null");
    this.consumerSettings = new HashMap<>(requireNonNull(consumerSettings, "consumerSettings is null"));
  }

  /** The consumer's settings: the client's, large fetches, no group, no offset reset. */
  static Map<String, Object> settings(Map<String, Object> client) {
    Map<String, Object> settings = new HashMap<>(client);
    settings.put("enable.auto.commit", false);
    settings.put("auto.offset.reset", "none");
    settings.put("max.partition.fetch.bytes", 16 * 1024 * 1024);
    settings.put("fetch.max.bytes", 64 * 1024 * 1024);
    settings.put("max.poll.records", 10_000);
    settings.put("client.id", "edpipe-lander");
    return settings;
  }

  @Override
  public Iterator<TaskResult> call(Iterator<KafkaSlice> slices) {
    List<KafkaSlice> mine = new ArrayList<>();
    slices.forEachRemaining(mine::add);
    return List.of(task.land(handler -> mine.forEach(slice -> read(slice, handler)))).iterator();
  }

  private void read(KafkaSlice slice, LandTask.MessageHandler handler) {
    if (slice.from() == slice.until()) {
      return;
    }
    TopicPartition partition = new TopicPartition(slice.topic(), slice.partition());
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, slice.from());
      long position = slice.from();
      long lastProgress = System.nanoTime();
      while (position < slice.until()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofSeconds(1));
        for (ConsumerRecord<byte[], byte[]> record : records) {
          if (record.offset() >= slice.until()) {
            break;
          }
          Header customer = record.headers().lastHeader(Customers.HEADER);
          handler.accept(slice.partition(), record.offset(), record.value(), customer == null ? null : customer.value());
        }
        long now = consumer.position(partition);
        if (now > position) {
          position = now;
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
          throw new PipelineException(
              ErrorCode.KAFKA_UNAVAILABLE,
              "Cannot read %s partition %d at offset %d: no message for %d s (the batch reads up to offset %d)",
              slice.topic(), slice.partition(), position, STALL.toSeconds(), slice.until());
        }
      }
    }
  }
}

package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a topic like {@code kafkacat -C}: assigns the partitions and seeks (no consumer group, nothing
 * committed), then hands each message to a {@link MessageHandler}. In {@link ConsumeMode#UNTIL_END} it stops at
 * the latest offsets seen at the start; in {@link ConsumeMode#FOLLOW} it waits for new messages until {@link
 * #stop()} or an interrupt.
 *
 * <p>{@link #consume} runs on one thread; {@link #stop()} may be called from any thread.
 */
public final class TopicConsumer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicConsumer.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

  private final Consumer<byte[], byte[]> consumer;
  private final TopicConsumerConfig config;
  private final AtomicBoolean stopping = new AtomicBoolean();

  TopicConsumer(Consumer<byte[], byte[]> consumer, TopicConsumerConfig config) {
    this.consumer = requireNonNull(consumer, "consumer is null");
    this.config = requireNonNull(config, "config is null");
  }

  public static TopicConsumer create(TopicConsumerConfig config) {
    requireNonNull(config, "config is null");
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.client().requestTimeout().toMillis());
    Map<String, Object> properties =
        config.client().clientProperties(
            Map.of(
                "client.id", "edpipe-consumer-" + config.topic(),
                "auto.offset.reset", "earliest",
                "request.timeout.ms", timeoutMillis,
                "default.api.timeout.ms", timeoutMillis),
            Map.of("enable.auto.commit", false));
    try {
      return new TopicConsumer(
          new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer()), config);
    } catch (KafkaException e) {
      throw KafkaCalls.clientFailure("consumer for topic " + config.topic(), e);
    }
  }

  /** Reads until the end, the message limit, or a stop; see the class comment. */
  public ConsumeResult consume(MessageHandler handler) {
    requireNonNull(handler, "handler is null");
    long startNanos = System.nanoTime();
    Run run = new Run(handler);
    StopReason reason;
    try {
      run.seek(partitions());
      reason = run.poll();
    } catch (WakeupException e) {
      if (!stopping.get()) {
        throw e;
      }
      reason = StopReason.STOPPED;
    } catch (InterruptException e) {
      // Kafka has restored the thread's interrupt flag; an interrupt is how a follow run is ended.
      reason = StopReason.STOPPED;
    } catch (KafkaException e) {
      throw new PipelineException(
          ErrorCode.KAFKA_UNAVAILABLE, e, "Cannot consume topic %s at %s: %s", config.topic(),
          config.client().bootstrapServers(), e.getMessage());
    }
    handler.endOfBatch();
    return new ConsumeResult(
        run.messages, run.bytes, reason, run.nextOffsets, Duration.ofNanos(System.nanoTime() - startNanos));
  }

  /** The state of one {@link #consume} call. */
  private final class Run {
    private final MessageHandler handler;
    private final long maxMessages = config.maxMessages().orElse(Long.MAX_VALUE);
    private final boolean untilEnd = config.mode() == ConsumeMode.UNTIL_END;
    private final Map<Integer, Long> nextOffsets = new HashMap<>();
    private final Set<TopicPartition> unfinished = new HashSet<>();
    private Map<TopicPartition, Long> latest = Map.of();
    private long messages;
    private long bytes;

    Run(MessageHandler handler) {
      this.handler = handler;
    }

    void seek(List<TopicPartition> partitions) {
      consumer.assign(partitions);
      Map<TopicPartition, Long> earliest = consumer.beginningOffsets(partitions);
      latest = Map.copyOf(consumer.endOffsets(partitions));
      for (TopicPartition partition : partitions) {
        long start = config.start().resolve(earliest.get(partition), latest.get(partition));
        consumer.seek(partition, start);
        nextOffsets.put(partition.partition(), start);
        if (start < latest.get(partition)) {
          unfinished.add(partition);
        }
      }
      log.debug("Consuming {} from {} up to {}", config.topic(), nextOffsets, latest);
    }

    StopReason poll() {
      while (true) {
        if (stopping.get()) {
          return StopReason.STOPPED;
        }
        if (messages >= maxMessages) {
          return StopReason.MAX_MESSAGES;
        }
        if (untilEnd && unfinished.isEmpty()) {
          return StopReason.END_OF_TOPIC;
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (messages >= maxMessages || (untilEnd && record.offset() >= latest.get(partition))) {
            continue; // past the limit, or written after the start: not part of this run
          }
          handler.handle(
              new ConsumedMessage(
                  record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(),
                  record.value()));
          messages++;
          bytes += record.value() == null ? 0 : record.value().length;
          nextOffsets.put(record.partition(), record.offset() + 1);
        }
        handler.endOfBatch();
        if (untilEnd) {
          markFinished();
        }
      }
    }

    /** Pauses the partitions read up to the end offset seen at the start, and forgets them. */
    private void markFinished() {
      Set<TopicPartition> finished = new HashSet<>();
      for (TopicPartition partition : unfinished) {
        if (consumer.position(partition) >= latest.get(partition)) {
          finished.add(partition);
        }
      }
      if (!finished.isEmpty()) {
        consumer.pause(finished);
        unfinished.removeAll(finished);
      }
    }
  }

  /** Ends a running {@link #consume} soon (thread-safe). */
  public void stop() {
    stopping.set(true);
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }

  private List<TopicPartition> partitions() {
    List<PartitionInfo> infos = consumer.partitionsFor(config.topic());
    if (infos == null || infos.isEmpty()) {
      throw new PipelineException(
          ErrorCode.BAD_CONFIG, "Cannot consume topic %s at %s: the topic does not exist", config.topic(),
          config.client().bootstrapServers());
    }
    List<TopicPartition> all =
        infos.stream()
            .map(info -> new TopicPartition(config.topic(), info.partition()))
            .sorted(Comparator.comparingInt(TopicPartition::partition))
            .toList();
    if (config.partition().isEmpty()) {
      return all;
    }
    TopicPartition wanted = new TopicPartition(config.topic(), config.partition().getAsInt());
    if (!all.contains(wanted)) {
      throw new PipelineException(
          ErrorCode.BAD_CONFIG, "Cannot consume %s: topic %s has partitions 0 to %d", wanted, config.topic(),
          all.size() - 1);
    }
    return List.of(wanted);
  }
}

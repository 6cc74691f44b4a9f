package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.customer.Customers;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands a topic continuously: a Spark Structured Streaming query from Kafka whose every micro-batch goes through
 * {@link IcebergLander#landMicroBatch}, so the stream keeps the batch {@code land}'s guarantees and the two can
 * alternate on the same tables.
 *
 * <p>The tables stay the record of what is landed; the checkpoint (on the warehouse's file system) only tells
 * Spark where to read next. A replayed micro-batch after a crash adds nothing the tables hold; a fresh
 * checkpoint starts from the tables' offsets. Micro-batches run every trigger interval with whatever has
 * arrived, so freshness is bounded by the interval plus the batch time however little traffic there is. Every
 * {@code maintainEvery} the stream compacts the tables between two micro-batches, on the same thread, so that
 * maintenance never races a commit.
 */
public final class StreamLander {
  private static final Logger log = LoggerFactory.getLogger(StreamLander.class);
  private static final List<Duration> RETRY_BACKOFF =
      List.of(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(60));

  private final SparkSession spark;
  private final KafkaMessageSource source;
  private final IcebergLander lander;
  private final Settings settings;

  /**
   * @param trigger the micro-batch interval
   * @param maxMessagesPerBatch caps a micro-batch (catching up after a pause), 0 for no cap
   * @param maintainEvery how often to compact and expire snapshots; {@link Duration#ZERO} never
   * @param keepSnapshots snapshots younger than this survive maintenance
   * @param defaultCustomer the customer of messages without a customer header
   */
  public record Settings(
      String bootstrapServers,
      Map<String, String> kafkaProperties,
      String topic,
      Duration trigger,
      long maxMessagesPerBatch,
      Duration maintainEvery,
      Duration keepSnapshots,
      String defaultCustomer) {
    public Settings {
      Customers.check(defaultCustomer, "the default customer");
      requireNonNull(bootstrapServers, "bootstrapServers is null");
      kafkaProperties = Map.copyOf(requireNonNull(kafkaProperties, "kafkaProperties is null"));
      requireNonNull(topic, "topic is null");
      requireNonNull(trigger, "trigger is null");
      requireNonNull(maintainEvery, "maintainEvery is null");
      requireNonNull(keepSnapshots, "keepSnapshots is null");
      if (trigger.isNegative()) {
        throw new PipelineException(ErrorCode.BAD_USAGE, "Invalid trigger %s: must not be negative", trigger);
      }
      if (maxMessagesPerBatch < 0) {
        throw new PipelineException(ErrorCode.BAD_USAGE, "Invalid batch cap %d: must be 0 or more", maxMessagesPerBatch);
      }
    }
  }

  /** Hears each micro-batch: what it landed, and any maintenance done after it. */
  public interface Listener extends LandListener {
    default void onBatch(long batchId, LandResult result) {}

    default void onMaintained(Duration elapsed) {}
  }

  public StreamLander(SparkSession spark, Settings settings) {
    this.spark = requireNonNull(spark, "spark is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.source = new KafkaMessageSource(settings.bootstrapServers(), settings.kafkaProperties());
    this.lander = new IcebergLander(spark, source, settings.topic(), settings.defaultCustomer());
  }

  /** Where the stream of a topic keeps its checkpoint: next to the warehouse, on its file system. */
  public static URI checkpointLocation(URI warehouse, String topic) {
    return LakeConfig.stateLocation(warehouse).resolve("checkpoints/land-" + topic);
  }

  /**
   * Runs until the query is stopped (from another thread, or by {@code timeout}) or fails. Holds the lander lock
   * throughout.
   *
   * @param timeout how long to run, {@code null} for ever
   */
  public void run(URI checkpoint, Duration timeout, Listener listener) {
    requireNonNull(checkpoint, "checkpoint is null");
    requireNonNull(listener, "listener is null");
    try (LanderLock lock = LanderLock.acquire(spark, "edpipe land --stream")) {
      IcebergLander.createTables(spark);
      StreamingQuery query = start(checkpoint, lock, listener);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(query), "edpipe-stream-stop"));
      try {
        if (timeout == null) {
          query.awaitTermination();
        } else if (!query.awaitTermination(timeout.toMillis())) {
          query.stop();
        }
      } catch (StreamingQueryException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof PipelineException pipeline) {
          throw pipeline;
        }
        throw new PipelineException(ErrorCode.LANDING_FAILED, e, "The landing stream failed: %s", e.getMessage());
      } catch (TimeoutException e) {
        throw new PipelineException(ErrorCode.LANDING_FAILED, e, "Cannot stop the landing stream: %s", e.getMessage());
      }
    }
  }

  private StreamingQuery start(URI checkpoint, LanderLock lock, Listener listener) {
    DataStreamReader reader =
        spark
            .readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", settings.bootstrapServers())
            .option("subscribe", settings.topic())
            .option("startingOffsets", startingOffsets())
            .option("failOnDataLoss", "true")
            .option("includeHeaders", "true");
    if (settings.maxMessagesPerBatch() > 0) {
      reader = reader.option("maxOffsetsPerTrigger", String.valueOf(settings.maxMessagesPerBatch()));
    }
    for (Map.Entry<String, String> property : settings.kafkaProperties().entrySet()) {
      reader = reader.option("kafka." + property.getKey(), property.getValue());
    }
    Maintenance maintenance = new Maintenance();
    VoidFunction2<Dataset<Row>, Long> landBatch =
        (messages, batchId) -> {
          LandResult result = landWithRetries(messages, batchId, lock, listener);
          listener.onBatch(batchId, result);
          maintenance.runIfDue(lock, listener);
        };
    try {
      StreamingQuery query =
          reader
              .load()
              .writeStream()
              .queryName("edpipe-land-" + settings.topic())
              .option("checkpointLocation", checkpoint.toString())
              .trigger(Trigger.ProcessingTime(settings.trigger().toMillis(), TimeUnit.MILLISECONDS))
              .foreachBatch(landBatch)
              .start();
      log.info("Landing stream of {} started; checkpoint {}, trigger {}", settings.topic(), checkpoint, settings.trigger());
      return query;
    } catch (TimeoutException e) {
      throw new PipelineException(ErrorCode.LANDING_FAILED, e, "Cannot start the landing stream: %s", e.getMessage());
    }
  }

  /**
   * Lands a micro-batch, trying again after failures of the outside world (an HDFS node or a broker restarting):
   * landing is idempotent, so a retry adds only what the failed try did not commit. Other failures, and the last
   * one, stop the stream.
   */
  private LandResult landWithRetries(Dataset<Row> messages, long batchId, LanderLock lock, Listener listener)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return lander.landMicroBatch(messages, lock, listener);
      } catch (RuntimeException e) {
        if (!retryable(e) || attempt > RETRY_BACKOFF.size()) {
          throw e;
        }
        Duration backoff = RETRY_BACKOFF.get(attempt - 1);
        log.warn("Micro-batch {} failed (try {}); trying again in {} s: {}", batchId, attempt, backoff.toSeconds(), e.getMessage());
        Thread.sleep(backoff.toMillis());
      }
    }
  }

  /**
   * Failures of the outside world: the warehouse or Kafka unreachable, or what Spark throws from a failed task.
   * Not: bad usage, a lost lock, a gap, a topic that changed under the tables.
   */
  private static boolean retryable(RuntimeException e) {
    if (e instanceof PipelineException pipeline) {
      return pipeline.code() == ErrorCode.HDFS_UNAVAILABLE || pipeline.code() == ErrorCode.KAFKA_UNAVAILABLE;
    }
    return true;
  }

  /**
   * Where a new checkpoint starts: what every table holds (the lowest offset of any table, per partition), or the
   * earliest retained offset for partitions no table holds. An existing checkpoint overrides this.
   */
  private String startingOffsets() {
    List<TopicOffsets> landed = new ArrayList<>();
    for (LakeTable table : LakeTable.values()) {
      landed.add(LandedOffsets.of(IcebergTables.load(spark, table)));
    }
    Map<Integer, Long> start = new HashMap<>();
    // Spark wants every partition named; -2 is its "earliest"
    for (int partition : source.bounds(settings.topic()).latest().keySet()) {
      long from = Long.MAX_VALUE;
      for (TopicOffsets offsets : landed) {
        from = Math.min(from, offsets.next(settings.topic(), partition).orElse(-2L));
      }
      start.put(partition, from);
    }
    return TopicOffsets.of(settings.topic(), start).toJson();
  }

  private static void stopQuietly(StreamingQuery query) {
    try {
      if (query.isActive()) {
        query.stop();
      }
    } catch (TimeoutException | RuntimeException e) {
      log.warn("Cannot stop the landing stream cleanly: {}", e.toString());
    }
  }

  /** Runs maintenance between micro-batches once {@code maintainEvery} has passed since the last. */
  private final class Maintenance {
    private Instant last = Instant.now();

    void runIfDue(LanderLock lock, Listener listener) {
      if (settings.maintainEvery().isZero() || Instant.now().isBefore(last.plus(settings.maintainEvery()))) {
        return;
      }
      Instant started = Instant.now();
      lock.checkHeld();
      // orphans: only files older than the keep period, so that nothing a live writer may still commit is taken
      new TableMaintenance(spark).maintain(settings.keepSnapshots(), settings.keepSnapshots());
      last = Instant.now();
      listener.onMaintained(Duration.between(started, last));
    }
  }
}

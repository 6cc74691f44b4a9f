package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.customer.Customers;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import io.edpipe.core.input.BadElement;
import io.edpipe.core.input.InputElement;
import io.edpipe.core.input.RawLine;
import io.edpipe.core.input.OnBad;
import io.edpipe.core.input.ReadResult;
import io.edpipe.core.input.RejectsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes attempts to a topic: one message per element, the element's compact JSON (UTF-8) as value, its
 * {@code keen_id} (else {@code user_exam_id}, else none) as key. The producer is idempotent with acks=all, so an
 * acknowledged message is stored once.
 *
 * <p>Elements larger than the topic takes are refused before sending, as bad elements. Bad elements follow the
 * configured {@link OnBad} policy: {@code FAIL} stops at the first one with a {@link PipelineException} ({@link
 * ErrorCode#BAD_INPUT}) after everything sent before it is acknowledged; {@code SKIP} writes it to the rejects
 * file and goes on. A message that Kafka cannot store (after the producer's own retries) fails the run with
 * {@link ErrorCode#KAFKA_UNAVAILABLE}, naming the partition. Not thread-safe: one run at a time.
 */
public final class TopicPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicPublisher.class);

  static final int BATCH_SIZE = 256 * 1024;
  static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

  private final Producer<byte[], byte[]> producer;
  private final TopicPublisherConfig config;
  private final MessageSizeLimit limit;
  private final LongSupplier nanoClock;
  /** The headers of every message: the customer's, or none. */
  private final Header[] headers;

  TopicPublisher(
      Producer<byte[], byte[]> producer, TopicPublisherConfig config, MessageSizeLimit limit, LongSupplier nanoClock) {
    this.producer = requireNonNull(producer, "producer is null");
    this.config = requireNonNull(config, "config is null");
    this.limit = requireNonNull(limit, "limit is null");
    this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
    this.headers =
        config.customer()
            .map(id -> new Header[] {new RecordHeader(Customers.HEADER, Customers.headerValue(id))})
            .orElse(new Header[0]);
  }

  /**
   * Asks the broker for the topic's size limit and starts a producer.
   *
   * @throws PipelineException ({@link ErrorCode#BAD_CONFIG}) if the topic does not exist
   */
  public static TopicPublisher create(TopicPublisherConfig config) {
    requireNonNull(config, "config is null");
    int topicMaxMessageBytes = topicMaxMessageBytes(config);
    Map<String, Object> properties =
        config.client().clientProperties(producerDefaults(config, topicMaxMessageBytes), producerOwned());
    MessageSizeLimit limit =
        MessageSizeLimit.of(config.topic(), topicMaxMessageBytes, maxRequestSize(properties.get("max.request.size")));
    try {
      Producer<byte[], byte[]> producer =
          new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
      return new TopicPublisher(producer, config, limit, System::nanoTime);
    } catch (KafkaException e) {
      throw KafkaCalls.clientFailure("producer for topic " + config.topic(), e);
    }
  }

  /** Publishes every element of {@code input}; see the class comment for the policies. */
  public PublishResult publish(Iterator<? extends ReadResult> input) {
    return publish(input, PublishProgressListener.NONE);
  }

  /** Publishes every element of {@code input}, reporting progress to {@code listener}. */
  public PublishResult publish(Iterator<? extends ReadResult> input, PublishProgressListener listener) {
    return publishEach(
        input,
        (next, run) ->
            next instanceof ReadResult.Good good ? send(good.element(), run) : Optional.of((BadElement) next),
        listener);
  }

  /**
   * Publishes each line as one message, its bytes as they are, without a key and without any check but the
   * topic's size limit: what {@code kafkacat -P} does, to reproduce what other producers send.
   */
  public PublishResult publishRaw(Iterator<RawLine> lines, PublishProgressListener listener) {
    return publishEach(lines, this::sendRaw, listener);
  }

  private <T> PublishResult publishEach(
      Iterator<T> input, BiFunction<T, Run, Optional<BadElement>> sendOne, PublishProgressListener listener) {
    requireNonNull(input, "input is null");
    requireNonNull(listener, "listener is null");
    Run run = new Run(listener);
    Optional<RejectsWriter> rejects = config.rejectsFile().map(TopicPublisher::freshRejectsWriter);
    try {
      while (input.hasNext()) {
        run.deliveries.throwIfFailed();
        T next = input.next();
        run.read++;
        Optional<BadElement> bad = sendOne.apply(next, run);
        if (bad.isPresent()) {
          handleBad(bad.get(), run, rejects);
        }
        run.reportIfDue();
      }
      producer.flush();
      run.deliveries.throwIfFailed();
    } catch (RuntimeException e) {
      flushAfterFailure(e);
      throw e;
    } finally {
      rejects.ifPresent(RejectsWriter::close);
      run.report();
    }
    PublishResult result =
        new PublishResult(
            run.deliveries.published(),
            run.deliveries.bytes(),
            run.rejected,
            run.rejected > 0 ? config.rejectsFile() : Optional.empty(),
            run.elapsed(),
            run.deliveries.perPartition());
    log.info(
        "Published {} messages ({} bytes) to topic {} in {} ms, {} rejected",
        result.published(), result.bytes(), config.topic(), result.elapsed().toMillis(), result.rejected());
    return result;
  }

  private Optional<BadElement> send(InputElement element, Run run) {
    run.inputByteOffset = element.byteOffset();
    byte[] key = element.key().map(text -> text.getBytes(StandardCharsets.UTF_8)).orElse(null);
    return sendChecked(key, element.utf8(), element::location, run).map(reason -> BadElement.refused(element, reason));
  }

  private Optional<BadElement> sendRaw(RawLine line, Run run) {
    run.inputByteOffset = line.byteOffset();
    return sendChecked(null, line.bytes(), line::location, run)
        .map(
            reason ->
                new BadElement(
                    line.source(), line.line() - 1, line.line(), line.byteOffset(), reason,
                    new String(line.bytes(), StandardCharsets.UTF_8), false));
  }

  /** Sends unless the message is too large for the topic; returns why not. */
  private Optional<String> sendChecked(byte[] key, byte[] value, Supplier<String> location, Run run) {
    Optional<String> tooLarge = limit.violation(key, value, headers);
    if (tooLarge.isPresent()) {
      return tooLarge;
    }
    try {
      producer.send(
          new ProducerRecord<>(config.topic(), null, key, value, List.of(headers)), run.deliveries.callback(value.length));
    } catch (KafkaException e) {
      throw new PipelineException(
          ErrorCode.KAFKA_UNAVAILABLE, e, "Cannot publish %s to topic %s: %s", location.get(), config.topic(), e.getMessage());
    }
    return Optional.empty();
  }

  private void handleBad(BadElement bad, Run run, Optional<RejectsWriter> rejects) {
    if (bad.byteOffset() >= 0) {
      run.inputByteOffset = bad.byteOffset();
    }
    switch (config.onBad()) {
      case FAIL -> {
        producer.flush();
        run.deliveries.throwIfFailed();
        throw new PipelineException(ErrorCode.BAD_INPUT, "Cannot publish %s: %s", bad.location(), bad.reason());
      }
      case SKIP -> {
        rejects.orElseThrow().write(bad);
        run.rejected++;
        log.debug("Skipped {}: {}", bad.location(), bad.reason());
      }
    }
  }

  /** Whatever went wrong, what was sent before is delivered before the error is reported. */
  private void flushAfterFailure(RuntimeException failure) {
    try {
      producer.flush();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }

  private static RejectsWriter freshRejectsWriter(Path path) {
    try {
      Files.deleteIfExists(path); // the file tells about this run only
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot replace rejects file " + path, e);
    }
    return new RejectsWriter(path);
  }

  private static int topicMaxMessageBytes(TopicPublisherConfig config) {
    try (TopicAdmin admin = TopicAdmin.create(config.client())) {
      return admin.describe(config.topic()).maxMessageBytes();
    } catch (PipelineException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new PipelineException(
            ErrorCode.BAD_CONFIG, e, "Cannot publish to topic %s at %s: the topic does not exist", config.topic(),
            config.client().bootstrapServers());
      }
      throw e;
    }
  }

  private static int maxRequestSize(Object value) {
    try {
      int size = Integer.parseInt(String.valueOf(value).trim());
      if (size > 0) {
        return size;
      }
    } catch (NumberFormatException ignored) {
      // not a number: the exception below says so, with the value
    }
    throw new PipelineException(
        ErrorCode.BAD_CONFIG, "Invalid value %s for client property max.request.size: must be a positive integer",
        value);
  }

  private static Map<String, Object> producerDefaults(TopicPublisherConfig config, int topicMaxMessageBytes) {
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.client().requestTimeout().toMillis());
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("client.id", "edpipe-publisher-" + config.topic());
    defaults.put("compression.type", "lz4");
    // A batch never larger than the topic takes: the broker refuses record batches over max.message.bytes.
    defaults.put("batch.size", Math.min(BATCH_SIZE, topicMaxMessageBytes));
    defaults.put("linger.ms", 20);
    defaults.put("max.in.flight.requests.per.connection", 5);
    defaults.put("max.request.size", Math.max(DEFAULT_MAX_REQUEST_SIZE, topicMaxMessageBytes));
    defaults.put("request.timeout.ms", timeoutMillis);
    defaults.put("delivery.timeout.ms", Math.max(120_000, timeoutMillis + 20));
    defaults.put("max.block.ms", timeoutMillis);
    defaults.put("retries", Integer.MAX_VALUE);
    return defaults;
  }

  private static Map<String, Object> producerOwned() {
    return Map.of("acks", "all", "enable.idempotence", true);
  }

  /** The counters of one publish run. */
  private final class Run {
    private final PublishProgressListener listener;
    private final Deliveries deliveries = new Deliveries(config.topic());
    private final long startNanos = nanoClock.getAsLong();
    private long lastReportNanos = startNanos;
    private long read;
    private long rejected;
    private long inputByteOffset;

    Run(PublishProgressListener listener) {
      this.listener = listener;
    }

    void reportIfDue() {
      if (nanoClock.getAsLong() - lastReportNanos >= config.progressInterval().toNanos()) {
        report();
      }
    }

    void report() {
      lastReportNanos = nanoClock.getAsLong();
      listener.onProgress(
          new PublishProgress(
              read, deliveries.published(), deliveries.bytes(), rejected, inputByteOffset, elapsed()));
    }

    Duration elapsed() {
      return Duration.ofNanos(nanoClock.getAsLong() - startNanos);
    }
  }
}

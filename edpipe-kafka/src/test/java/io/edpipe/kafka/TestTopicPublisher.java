package io.edpipe.kafka;

import static io.edpipe.kafka.Fixtures.good;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import io.edpipe.core.input.AttemptKeys;
import io.edpipe.core.input.BadElement;
import io.edpipe.core.input.RawLine;
import io.edpipe.core.input.ReadResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publisher policies against Kafka's MockProducer. */
class TestTopicPublisher {
  private static final KafkaClientConfig CLIENT = KafkaClientConfig.of("127.0.0.1:9092");
  private static final String TOPIC = "attempts";
  private static final MessageSizeLimit LIMIT = new MessageSizeLimit(1_000_000, "max.message.bytes of topic attempts");

  @TempDir Path directory;

  private final AtomicLong clock = new AtomicLong();

  @Test
  void publishesOneMessagePerElementKeyedByKeenId() {
    MockProducer<byte[], byte[]> producer = autoCompleting();
    List<String> lines = Fixtures.sampleLines();
    List<ReadResult> input = IntStream.range(0, lines.size()).mapToObj(i -> good(i, lines.get(i))).toList();

    PublishResult result = publisher(producer, TopicPublisherConfig.failingOnBad(CLIENT, TOPIC)).publish(
        input.iterator());

    assertThat(producer.history()).hasSize(10);
    assertThat(producer.history()).map(ProducerRecord::topic).containsOnly(TOPIC);
    assertThat(producer.history()).map(record -> text(record.value())).containsExactlyElementsOf(lines);
    assertThat(producer.history())
        .map(record -> text(record.key()))
        .containsExactlyElementsOf(lines.stream().map(line -> AttemptKeys.keyOf(line).orElseThrow()).toList());
    long bytes = lines.stream().mapToLong(line -> line.getBytes(StandardCharsets.UTF_8).length).sum();
    assertThat(result)
        .isEqualTo(new PublishResult(10, bytes, 0, java.util.Optional.empty(), Duration.ZERO, java.util.Map.of(0, 10L)));
  }

  @Test
  void stampsEveryMessageWithItsCustomerOnlyWhenTold() {
    MockProducer<byte[], byte[]> stamped = autoCompleting();
    MockProducer<byte[], byte[]> plain = autoCompleting();
    List<ReadResult> input = List.of(good(0, "{\"keen_id\":\"a\"}"), good(1, "{\"keen_id\":\"b\"}"));

    publisher(stamped, TopicPublisherConfig.failingOnBad(CLIENT, TOPIC).withCustomer("acme")).publish(input.iterator());
    publisher(plain, TopicPublisherConfig.failingOnBad(CLIENT, TOPIC)).publish(input.iterator());

    assertThat(stamped.history())
        .map(record -> text(record.headers().lastHeader("customer").value()))
        .containsExactly("acme", "acme");
    assertThat(stamped.history()).map(record -> record.headers().toArray().length).containsOnly(1);
    assertThat(plain.history()).map(record -> record.headers().toArray().length).containsOnly(0);
    assertThatThrownBy(() -> TopicPublisherConfig.failingOnBad(CLIENT, TOPIC).withCustomer("Acme Inc"))
        .hasMessageContaining("Invalid customer id 'Acme Inc'");
  }

  @Test
  void sendsElementsWithoutKeyFieldsWithoutKey() {
    MockProducer<byte[], byte[]> producer = autoCompleting();

    publisher(producer, TopicPublisherConfig.failingOnBad(CLIENT, TOPIC)).publish(List.of(good(0, "{\"a\":1}")).iterator());

    assertThat(producer.history().get(0).key()).isNull();
  }

  @Test
  void failStopsAtTheFirstBadElementAfterDeliveringWhatWasSent() {
    MockProducer<byte[], byte[]> producer = new MockProducer<>(false, new ByteArraySerializer(), new ByteArraySerializer());
    List<ReadResult> input =
        List.of(
            good(0, "{\"keen_id\":\"a\"}"),
            good(1, "{\"keen_id\":\"b\"}"),
            new BadElement("test.jsonl", 2, 3, 200, "invalid JSON at byte offset 205: oops", "{\"keen_id\":", false),
            good(3, "{\"keen_id\":\"d\"}"));
    List<PublishProgress> reports = new ArrayList<>();

    assertThatThrownBy(
            () -> publisher(producer, TopicPublisherConfig.failingOnBad(CLIENT, TOPIC))
                .publish(input.iterator(), reports::add))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Cannot publish test.jsonl, element 2 (line 3, byte offset 200): invalid JSON at byte offset 205: oops")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.BAD_INPUT);
    assertThat(producer.history()).map(record -> text(record.key())).containsExactly("a", "b");
    assertThat(producer.flushed()).isTrue();
    assertThat(reports).last().extracting(PublishProgress::read, PublishProgress::published).containsExactly(3L, 2L);
  }

  @Test
  void refusesOversizedElementsBeforeSending() {
    MockProducer<byte[], byte[]> producer = autoCompleting();
    String large = "{\"keen_id\":\"big\",\"text\":\"" + "x".repeat(2000) + "\"}";
    MessageSizeLimit limit = new MessageSizeLimit(1000, "max.message.bytes of topic attempts");
    int size = MessageSizeLimit.sizeOf("big".getBytes(StandardCharsets.UTF_8), large.getBytes(StandardCharsets.UTF_8));
    TopicPublisher publisher =
        new TopicPublisher(producer, TopicPublisherConfig.failingOnBad(CLIENT, TOPIC), limit, clock::get);

    assertThatThrownBy(() -> publisher.publish(List.of(good(0, "{\"keen_id\":\"ok\"}"), good(1, large)).iterator()))
        .isInstanceOf(PipelineException.class)
        .hasMessage(
            String.format(
                "Cannot publish test.jsonl, element 1 (line 2, byte offset 100): message too large: %,d bytes, over"
                    + " the limit of 1,000 bytes (max.message.bytes of topic attempts)",
                size));
    assertThat(producer.history()).map(record -> text(record.key())).containsExactly("ok");
  }

  @Test
  void skipWritesRejectsAndGoesOn() throws Exception {
    MockProducer<byte[], byte[]> producer = autoCompleting();
    Path rejects = directory.resolve("rejects.jsonl");
    Files.writeString(rejects, "from an older run\n");
    String large = "{\"keen_id\":\"big\",\"text\":\"" + "x".repeat(2000) + "\"}";
    List<ReadResult> input =
        List.of(
            good(0, "{\"keen_id\":\"a\"}"),
            new BadElement("test.jsonl", 1, 2, 100, "not a JSON object (found a number)", "42", false),
            good(2, large),
            good(3, "{\"keen_id\":\"d\"}"));
    TopicPublisher publisher =
        new TopicPublisher(
            producer, TopicPublisherConfig.skippingBad(CLIENT, TOPIC, rejects), new MessageSizeLimit(1000, "limit"),
            clock::get);

    PublishResult result = publisher.publish(input.iterator());

    assertThat(producer.history()).map(record -> text(record.key())).containsExactly("a", "d");
    assertThat(result.published()).isEqualTo(2);
    assertThat(result.rejected()).isEqualTo(2);
    assertThat(result.rejectsFile()).contains(rejects);
    List<String> lines = Files.readAllLines(rejects);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .isEqualTo(
            "{\"source\":\"test.jsonl\",\"index\":1,\"line\":2,\"byteOffset\":100,\"location\":\"test.jsonl, element 1"
                + " (line 2, byte offset 100)\",\"reason\":\"not a JSON object (found a number)\",\"raw\":\"42\"}");
    assertThat(lines.get(1)).contains("\"index\":2", "\"reason\":\"message too large: ", "\"raw\":\"{\\\"keen_id\\\":\\\"big\\\"");
  }

  @Test
  void skipWithoutRejectsLeavesNoFile() throws Exception {
    Path rejects = directory.resolve("rejects.jsonl");
    Files.writeString(rejects, "from an older run\n");

    PublishResult result =
        publisher(autoCompleting(), TopicPublisherConfig.skippingBad(CLIENT, TOPIC, rejects))
            .publish(List.of(good(0, "{}")).iterator());

    assertThat(result.rejectsFile()).isEmpty();
    assertThat(rejects).doesNotExist();
  }

  @Test
  void aFailedSendFailsThePublishNamingThePartition() {
    NotEnoughReplicasException refusal = new NotEnoughReplicasException("fewer in-sync replicas than required");
    MockProducer<byte[], byte[]> producer = failingAfter(2, refusal);
    List<ReadResult> input = IntStream.range(0, 5).mapToObj(i -> good(i, "{\"keen_id\":\"k" + i + "\"}")).toList();

    assertThatThrownBy(() -> publisher(producer, TopicPublisherConfig.failingOnBad(CLIENT, TOPIC)).publish(input.iterator()))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Cannot publish to attempts-0: fewer in-sync replicas than required")
        .hasCause(refusal)
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.KAFKA_UNAVAILABLE);
    assertThat(producer.history()).hasSizeLessThan(5);
  }

  @Test
  void reportsProgressAtMostOncePerInterval() {
    List<PublishProgress> reports = new ArrayList<>();
    List<ReadResult> elements = IntStream.range(0, 10).mapToObj(i -> good(i, "{\"keen_id\":\"k" + i + "\"}")).toList();
    Iterator<ReadResult> ticking = ticking(elements.iterator(), Duration.ofMillis(100));

    publisher(autoCompleting(), TopicPublisherConfig.failingOnBad(CLIENT, TOPIC).withProgressInterval(Duration.ofMillis(200)))
        .publish(ticking, reports::add);

    assertThat(reports).map(PublishProgress::read).containsExactly(2L, 4L, 6L, 8L, 10L, 10L);
    assertThat(reports.get(5))
        .isEqualTo(new PublishProgress(10, 10, 10 * "{\"keen_id\":\"k0\"}".length(), 0, 900, Duration.ofSeconds(1)));
  }

  @Test
  void publishesRawLinesAsTheyAreWithoutAKey() {
    MockProducer<byte[], byte[]> producer = autoCompleting();
    byte[] notUtf8 = {'{', (byte) 0xE9, '}'};
    List<RawLine> lines =
        List.of(
            new RawLine("in.txt", 1, 0, "not json".getBytes(StandardCharsets.UTF_8)),
            new RawLine("in.txt", 2, 9, new byte[0]),
            new RawLine("in.txt", 3, 10, notUtf8));

    PublishResult result;
    try (TopicPublisher publisher = publisher(producer, TopicPublisherConfig.failingOnBad(CLIENT, TOPIC))) {
      result = publisher.publishRaw(lines.iterator(), PublishProgressListener.NONE);
    }

    assertThat(result.published()).isEqualTo(3);
    assertThat(producer.history()).extracting(record -> record.key()).containsOnlyNulls();
    assertThat(producer.history().get(0).value()).isEqualTo("not json".getBytes(StandardCharsets.UTF_8));
    assertThat(producer.history().get(1).value()).isEmpty();
    assertThat(producer.history().get(2).value()).isEqualTo(notUtf8);
  }

  private TopicPublisher publisher(MockProducer<byte[], byte[]> producer, TopicPublisherConfig config) {
    return new TopicPublisher(producer, config, LIMIT, clock::get);
  }

  /** Moves the fake clock forward by {@code step} on every element taken. */
  private Iterator<ReadResult> ticking(Iterator<ReadResult> elements, Duration step) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return elements.hasNext();
      }

      @Override
      public ReadResult next() {
        clock.addAndGet(step.toNanos());
        return elements.next();
      }
    };
  }

  private static MockProducer<byte[], byte[]> autoCompleting() {
    return new MockProducer<>(true, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Acknowledges the first {@code count} sends, then fails the next one. */
  private static MockProducer<byte[], byte[]> failingAfter(int count, RuntimeException failure) {
    return new MockProducer<>(false, new ByteArraySerializer(), new ByteArraySerializer()) {
      @Override
      public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        Future<RecordMetadata> future = super.send(record, callback);
        if (history().size() <= count) {
          completeNext();
        } else {
          errorNext(failure);
        }
        return future;
      }
    };
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}

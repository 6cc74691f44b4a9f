package io.edpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines as edpipe's publish and land and Kafka's ProducerPerformance print them. */
class TestChildLines {
  @Test
  void readsEdpipePublish() {
    Measurement publish =
        ChildLines.publish(
            "edpipe publish",
            List.of(
                "topic bench-edpipe: created",
                "publish: 20000 messages (55.4 MB) to bench-edpipe in 1.3 s (15432 messages/s)",
                ""));

    assertThat(publish).isEqualTo(new Measurement("edpipe publish", 20000, 1.3, 15432, 55_400_000));
  }

  @Test
  void readsEdpipePublishWithRejects() {
    Measurement publish =
        ChildLines.publish(
            "edpipe publish",
            List.of("publish: 9 messages (0.0 MB) to t in 0.1 s (90 messages/s); 1 rejected, written to x.rejects.jsonl"));

    assertThat(publish.messages()).isEqualTo(9);
    assertThat(publish.messagesPerSecond()).isEqualTo(90);
  }

  @Test
  void readsEdpipeLand() {
    Measurement land =
        ChildLines.land(
            "edpipe land",
            List.of(
                "land: 20000 messages from bench-edpipe in 22.4 s (893 messages/s): 19802 attempts, 89000 questions,"
                    + " 300000 options, 198 duplicates, 0 quarantined; offsets now {0=10000, 1=10000}"));

    assertThat(land).isEqualTo(new Measurement("edpipe land", 20000, 22.4, 893, -1));
    assertThat(land.hasBytes()).isFalse();
  }

  @Test
  void readsTheFinalSummaryOfProducerPerformance() {
    Measurement perf =
        ChildLines.producerPerformance(
            "ProducerPerformance",
            List.of(
                "65536 records sent, 13100.2 records/sec (35.01 MB/sec), 120.3 ms avg latency, 400.0 ms max latency.",
                "100000 records sent, 20000.000000 records/sec (50.00 MB/sec), 99.50 ms avg latency, 400.00 ms max"
                    + " latency, 80 ms 50th, 200 ms 95th, 300 ms 99th, 390 ms 99.9th."));

    assertThat(perf.messages()).isEqualTo(100_000);
    assertThat(perf.messagesPerSecond()).isEqualTo(20_000.0);
    assertThat(perf.seconds()).isEqualTo(5.0);
    assertThat(perf.bytes()).isEqualTo(Math.round(50.0 * 1024 * 1024 * 5));
  }

  @Test
  void saysWhichLineIsMissing() {
    assertThatThrownBy(
            () ->
                ChildLines.producerPerformance(
                    "ProducerPerformance",
                    List.of("65536 records sent, 13100.2 records/sec (35.01 MB/sec), 120.3 ms avg latency, 400.0 ms max latency.")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot find the summary line (N records sent, R records/sec (X MB/sec), ... 50th ...) in the output");
    assertThatThrownBy(() -> ChildLines.land("edpipe land", List.of("land: nothing new on t (offsets {0=5}); 1.0 s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot find the summary line (land: N messages from T in S s (R messages/s)) in the output");
  }
}

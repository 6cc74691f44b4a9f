package io.edpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.net.BindException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

class TestKafkaCalls {
  @Test
  void picksTheMostTellingMessageOfACauseChain() {
    Exception bind = new BindException("Address already in use");
    Exception kafka = new KafkaException("Socket server failed to bind to 127.0.0.1:9092: Address already in use.", bind);
    Exception generic = new RuntimeException("Unable to start acceptor", kafka);

    assertThat(KafkaCalls.rootMessage(new RuntimeException("Fatal error", generic)))
        .isEqualTo("Socket server failed to bind to 127.0.0.1:9092: Address already in use.");
    assertThat(KafkaCalls.rootMessage(bind)).isEqualTo("Address already in use");
  }

  @Test
  void categorizesFailures() {
    assertThat(KafkaCalls.failure("describe topic t at h:1", new UnknownTopicOrPartitionException("no such topic")))
        .hasMessage("Cannot describe topic t at h:1: no such topic")
        .extracting(PipelineException::code)
        .isEqualTo(ErrorCode.BAD_CONFIG);
    assertThat(KafkaCalls.failure("list topics at h:1", new TimeoutException("Timed out waiting for a node")))
        .hasMessage("Cannot list topics at h:1: no answer from Kafka in time (Timed out waiting for a node)")
        .extracting(PipelineException::code)
        .isEqualTo(ErrorCode.KAFKA_UNAVAILABLE);
  }

  @Test
  void awaitsAFutureAndKeepsTheCause() {
    KafkaFuture<String> done = KafkaFuture.completedFuture("value");
    KafkaFutureImpl<String> failed = new KafkaFutureImpl<>();
    TimeoutException timeout = new TimeoutException("late");
    failed.completeExceptionally(timeout);

    assertThat(KafkaCalls.await(done, "x")).isEqualTo("value");
    assertThatThrownBy(() -> KafkaCalls.await(failed, "create topic t at h:1"))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Cannot create topic t at h:1: no answer from Kafka in time (late)")
        .hasCause(timeout);
  }
}

package io.edpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestMessageSizeLimit {
  private static final byte[] KEY = "5a6745820eb8ab00016be1f1".getBytes(StandardCharsets.UTF_8);

  @Test
  void takesTheSmallerOfTopicAndProducerLimits() {
    assertThat(MessageSizeLimit.of("attempts", 1_048_588, 1_048_576))
        .isEqualTo(new MessageSizeLimit(1_048_576, "the producer's max.request.size"));
    assertThat(MessageSizeLimit.of("attempts", 5_000, 1_048_576))
        .isEqualTo(new MessageSizeLimit(5_000, "max.message.bytes of topic attempts"));
  }

  @Test
  void countsKeyValueAndBatchOverhead() {
    byte[] value = new byte[1000];

    int size = MessageSizeLimit.sizeOf(KEY, value);

    assertThat(size).isGreaterThan(1000 + KEY.length).isLessThan(1000 + KEY.length + 100);
    assertThat(MessageSizeLimit.sizeOf(null, value)).isLessThan(size);
  }

  @Test
  void acceptsUpToTheLimitAndExplainsWhatIsOver() {
    byte[] value = new byte[1000];
    int size = MessageSizeLimit.sizeOf(KEY, value);

    assertThat(new MessageSizeLimit(size, "x").violation(KEY, value)).isEmpty();
    assertThat(new MessageSizeLimit(size - 1, "max.message.bytes of topic t").violation(KEY, value))
        .contains(
            String.format(
                "message too large: %,d bytes, over the limit of %,d bytes (max.message.bytes of topic t)",
                size, size - 1));
  }
}

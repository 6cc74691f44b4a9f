package io.edpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestMessageWriter {
  private static final ConsumedMessage MESSAGE =
      new ConsumedMessage(
          "attempts", 2, 41, 1_700_000_000_000L, "k1".getBytes(StandardCharsets.UTF_8),
          "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8));
  private static final ConsumedMessage TOMBSTONE = new ConsumedMessage("attempts", 0, 7, 5L, null, null);

  @Test
  void writesValuesAsTheyAre() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageWriter writer = new MessageWriter(out, OutputFormat.VALUE);

    writer.handle(MESSAGE);
    writer.handle(TOMBSTONE);
    writer.endOfBatch();

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"é\"}\n\n");
  }

  @Test
  void writesMetadataAsJsonLines() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageWriter writer = new MessageWriter(out, OutputFormat.JSON);

    writer.handle(MESSAGE);
    writer.handle(TOMBSTONE);
    writer.endOfBatch();

    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"topic\":\"attempts\",\"partition\":2,\"offset\":41,\"timestamp\":1700000000000,\"key\":\"k1\","
                + "\"value\":\"{\\\"a\\\":\\\"é\\\"}\"}\n"
                + "{\"topic\":\"attempts\",\"partition\":0,\"offset\":7,\"timestamp\":5,\"key\":null,\"value\":null}\n");
  }
}

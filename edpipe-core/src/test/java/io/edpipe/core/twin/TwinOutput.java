package io.edpipe.core.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A generated twin read back with plain Jackson, independently of the generator: the bytes, each record's text
 * (one per line in both formats) and its parsed tree (key order kept).
 */
record TwinOutput(byte[] bytes, List<String> texts, List<JsonNode> records) {
  static final ObjectMapper MAPPER = new ObjectMapper();

  TwinOutput {
    texts = List.copyOf(texts);
    records = List.copyOf(records);
  }

  static TwinOutput generate(TwinConfig config) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long written = TwinGenerator.create(config).writeTo(out);
    TwinOutput twin = read(out.toByteArray(), config.format());
    assertThat(twin.records()).hasSize((int) written);
    return twin;
  }

  /** Splits the output into record texts, checking the framing of the format on the way. */
  static TwinOutput read(byte[] bytes, TwinFormat format) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<String> texts =
        switch (format) {
          case ARRAY -> {
            assertThat(text).startsWith("[\n").endsWith("\n]\n");
            yield Arrays.asList(text.substring(2, text.length() - 3).split(",\n", -1));
          }
          case JSONL -> {
            assertThat(text).endsWith("\n");
            yield Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
          }
        };
    return new TwinOutput(bytes, texts, texts.stream().map(TwinOutput::parse).toList());
  }

  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot parse record: " + json, e);
    }
  }

  static List<String> realSample() {
    try (InputStream in = TwinOutput.class.getResourceAsStream("/fixtures/real-sample.jsonl")) {
      assertThat(in).as("fixtures/real-sample.jsonl on the test classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read fixtures/real-sample.jsonl", e);
    }
  }
}

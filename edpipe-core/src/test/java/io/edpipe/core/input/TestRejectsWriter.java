package io.edpipe.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRejectsWriter {
  @TempDir Path directory;

  @Test
  void writesOneJsonLinePerReject() throws IOException {
    Path path = directory.resolve("out/rejects.jsonl");
    try (RejectsWriter writer = new RejectsWriter(path)) {
      writer.write(new BadElement("in.json", 3, 4, 120, "invalid JSON", "{\"a\":\n\"é", true));
      writer.write(BadElement.refused(new InputElement("in.json", 5, 6, 200, "{}"), "too large"));
      assertThat(writer.written()).isEqualTo(2);
    }

    assertThat(Files.readAllLines(path, StandardCharsets.UTF_8))
        .containsExactly(
            "{\"source\":\"in.json\",\"index\":3,\"line\":4,\"byteOffset\":120,"
                + "\"location\":\"in.json, element 3 (line 4, byte offset 120)\",\"reason\":\"invalid JSON\","
                + "\"raw\":\"{\\\"a\\\":\\n\\\"é\"}",
            "{\"source\":\"in.json\",\"index\":5,\"line\":6,\"byteOffset\":200,"
                + "\"location\":\"in.json, element 5 (line 6, byte offset 200)\",\"reason\":\"too large\","
                + "\"raw\":\"{}\"}");
  }

  @Test
  void createsNoFileWithoutRejects() {
    Path path = directory.resolve("rejects.jsonl");
    try (RejectsWriter writer = new RejectsWriter(path)) {
      assertThat(writer.written()).isZero();
    }

    assertThat(path).doesNotExist();
  }
}

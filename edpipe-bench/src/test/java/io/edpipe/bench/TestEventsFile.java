package io.edpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestEventsFile {
  @TempDir Path directory;

  @Test
  void countsTheEventsAndTheirBytesWithoutLineEnds() throws IOException {
    Path file = Files.writeString(directory.resolve("events.jsonl"), "{\"a\":1}\n{\"b\":22}\r\n\n{\"c\":3}");

    assertThat(EventsFile.size(file)).isEqualTo(new EventsFile.Size(3, 7 + 8 + 7));
  }

  @Test
  void copiesTheFirstEvents() throws IOException {
    Path file = Files.writeString(directory.resolve("events.jsonl"), "one\ntwo\nthree\n");
    Path head = directory.resolve("head.jsonl");

    EventsFile.head(file, 2, head);
    assertThat(Files.readString(head)).isEqualTo("one\ntwo");

    EventsFile.head(file, 10, head);
    assertThat(Files.readString(head)).isEqualTo("one\ntwo\nthree");
  }
}

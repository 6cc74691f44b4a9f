package io.edpipe.kafka;

import io.edpipe.core.input.AttemptReader;
import io.edpipe.core.input.InputElement;
import io.edpipe.core.input.ReadResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test inputs: the real sample and small made-up elements. */
final class Fixtures {
  private Fixtures() {}

  /** The 10 real attempts, one compact JSON object per line. */
  static List<String> sampleLines() {
    return new String(sampleBytes(), StandardCharsets.UTF_8).lines().toList();
  }

  static byte[] sampleBytes() {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/real-sample.jsonl")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the sample to a file, so a test reads it like the CLI does. */
  static Path sampleFile(Path directory) throws IOException {
    return Files.write(directory.resolve("real-sample.jsonl"), sampleBytes());
  }

  static List<ReadResult> readAll(Path path) {
    List<ReadResult> results = new ArrayList<>();
    try (AttemptReader reader = AttemptReader.open(path)) {
      reader.forEachRemaining(results::add);
    }
    return results;
  }

  static ReadResult good(long index, String json) {
    return new ReadResult.Good(new InputElement("test.jsonl", index, index + 1, index * 100, json));
  }
}

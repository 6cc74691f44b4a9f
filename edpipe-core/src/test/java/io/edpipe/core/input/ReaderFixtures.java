package io.edpipe.core.input;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Builds inputs and reads them fully, for the reader tests. */
final class ReaderFixtures {
  private ReaderFixtures() {}

  static List<ReadResult> readAll(String text) {
    return readAll(text.getBytes(StandardCharsets.UTF_8));
  }

  static List<ReadResult> readAll(byte[] bytes) {
    try (AttemptReader reader = AttemptReader.open("test.json", new ByteArrayInputStream(bytes))) {
      List<ReadResult> results = new ArrayList<>();
      reader.forEachRemaining(results::add);
      return results;
    }
  }

  static List<InputElement> elements(List<ReadResult> results) {
    return results.stream().map(result -> ((ReadResult.Good) result).element()).toList();
  }

  static InputElement element(ReadResult result) {
    return ((ReadResult.Good) result).element();
  }

  static BadElement bad(ReadResult result) {
    return (BadElement) result;
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static List<String> sampleLines() {
    try (InputStream in = ReaderFixtures.class.getResourceAsStream("/fixtures/real-sample.jsonl")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

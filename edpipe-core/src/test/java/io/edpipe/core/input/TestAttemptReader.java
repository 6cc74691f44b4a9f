package io.edpipe.core.input;

import static io.edpipe.core.input.ReaderFixtures.elements;
import static io.edpipe.core.input.ReaderFixtures.gzip;
import static io.edpipe.core.input.ReaderFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestAttemptReader {
  private static final String JSON_LINES = "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n";
  private static final String ARRAY = "[\n  {\"id\": \"a\"},\n  {\"id\": \"b\",\n   \"n\": [1, 2]}\n]\n";

  @TempDir Path directory;

  @Test
  void readsJsonLinesWithIndexLineAndOffset() {
    assertThat(elements(readAll(JSON_LINES)))
        .containsExactly(
            new InputElement("test.json", 0, 1, 0, "{\"id\":\"a\"}"),
            new InputElement("test.json", 1, 2, 11, "{\"id\":\"b\"}"),
            new InputElement("test.json", 2, 3, 22, "{\"id\":\"c\"}"));
  }

  @Test
  void readsJsonArrayDroppingWhitespaceBetweenTokens() {
    assertThat(elements(readAll(ARRAY)))
        .containsExactly(
            new InputElement("test.json", 0, 2, ARRAY.indexOf("{\"id\": \"a\""), "{\"id\":\"a\"}"),
            new InputElement("test.json", 1, 3, ARRAY.indexOf("{\"id\": \"b\""), "{\"id\":\"b\",\"n\":[1,2]}"));
  }

  @Test
  void detectsTheFormat() throws IOException {
    Path lines = Files.writeString(directory.resolve("a.jsonl"), JSON_LINES);
    Path array = Files.writeString(directory.resolve("a.json"), ARRAY);
    try (AttemptReader linesReader = AttemptReader.open(lines);
        AttemptReader arrayReader = AttemptReader.open(array)) {
      assertThat(linesReader.format()).isEqualTo(InputFormat.JSON_LINES);
      assertThat(linesReader.isGzip()).isFalse();
      assertThat(linesReader.source()).isEqualTo(lines.toString());
      assertThat(arrayReader.format()).isEqualTo(InputFormat.JSON_ARRAY);
      assertThat(arrayReader.isGzip()).isFalse();
    }
  }

  @Test
  void readsGzippedJsonLinesAndArraysWithOffsetsInTheDecompressedStream() throws IOException {
    Path lines = Files.write(directory.resolve("a.jsonl.gz"), gzip(JSON_LINES.getBytes(StandardCharsets.UTF_8)));
    Path array = Files.write(directory.resolve("a.json.gz"), gzip(ARRAY.getBytes(StandardCharsets.UTF_8)));

    try (AttemptReader reader = AttemptReader.open(lines)) {
      assertThat(reader.format()).isEqualTo(InputFormat.JSON_LINES);
      assertThat(reader.isGzip()).isTrue();
      List<ReadResult> results = new ArrayList<>();
      reader.forEachRemaining(results::add);
      assertThat(elements(results)).extracting(InputElement::byteOffset).containsExactly(0L, 11L, 22L);
    }
    try (AttemptReader reader = AttemptReader.open(array)) {
      assertThat(reader.format()).isEqualTo(InputFormat.JSON_ARRAY);
      assertThat(reader.isGzip()).isTrue();
      List<ReadResult> results = new ArrayList<>();
      reader.forEachRemaining(results::add);
      assertThat(elements(results))
          .extracting(InputElement::line, InputElement::byteOffset, InputElement::json)
          .containsExactly(tuple(2L, 4L, "{\"id\":\"a\"}"), tuple(3L, 19L, "{\"id\":\"b\",\"n\":[1,2]}"));
    }
  }

  @Test
  void skipsUtf8ByteOrderMarkCountingItsBytes() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] withBom = concat(bom, "[{\"a\":1}]".getBytes(StandardCharsets.UTF_8));
    byte[] linesWithBom = concat(bom, "{\"a\":1}\n{\"a\":2}".getBytes(StandardCharsets.UTF_8));

    assertThat(elements(readAll(withBom))).containsExactly(new InputElement("test.json", 0, 1, 4, "{\"a\":1}"));
    assertThat(elements(readAll(linesWithBom)))
        .containsExactly(
            new InputElement("test.json", 0, 1, 3, "{\"a\":1}"), new InputElement("test.json", 1, 2, 11, "{\"a\":2}"));
  }

  @Test
  void readsAnEmptyArray() {
    assertThat(readAll("[]")).isEmpty();
    assertThat(readAll(" \n [ \n ] \n")).isEmpty();
  }

  @Test
  void skipsBlankLinesInJsonLinesWithoutCountingThem() {
    String text = "\n\n{\"a\":1}\r\n   \r\n\t\n  {\"a\":2}  \r\n\n{\"a\":3}";

    assertThat(elements(readAll(text)))
        .containsExactly(
            new InputElement("test.json", 0, 3, 2, "{\"a\":1}"),
            new InputElement("test.json", 1, 6, text.indexOf("{\"a\":2}"), "{\"a\":2}"),
            new InputElement("test.json", 2, 8, text.indexOf("{\"a\":3}"), "{\"a\":3}"));
  }

  @Test
  void findsElementsAfterLeadingWhitespaceAndOnSharedLines() {
    String text = "\n\n  [{\"a\":1},\n{\"b\":2}, {\"c\":3}]";

    assertThat(elements(readAll(text)))
        .extracting(InputElement::index, InputElement::line, InputElement::byteOffset)
        .containsExactly(
            tuple(0L, 3L, (long) text.indexOf("{\"a\"")),
            tuple(1L, 4L, (long) text.indexOf("{\"b\"")),
            tuple(2L, 4L, (long) text.indexOf("{\"c\"")));
  }

  @Test
  void keepsStringsNumbersAndEscapesExactlyAsReceived() {
    String element = "{ \"text\" : \"a  b\\\" \\\\\\\"{[ ]}, \" , \"n\" : 1.0E+2 , \"e\" : \"\\u00e9\\/\" , \"é\" : -0.50 }";
    String compact = "{\"text\":\"a  b\\\" \\\\\\\"{[ ]}, \",\"n\":1.0E+2,\"e\":\"\\u00e9\\/\",\"é\":-0.50}";

    assertThat(elements(readAll("[" + element + "]"))).extracting(InputElement::json).containsExactly(compact);
    assertThat(elements(readAll(element))).extracting(InputElement::json).containsExactly(compact);
  }

  @Test
  void countsByteOffsetsInBytesNotCharacters() {
    String text = "{\"name\":\"Zoë Ångström\"}\n{\"name\":\"x\"}\n";

    assertThat(elements(readAll(text)))
        .extracting(InputElement::byteOffset)
        .containsExactly(0L, (long) "{\"name\":\"Zoë Ångström\"}\n".getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void readsStdin() {
    try (AttemptReader reader =
        AttemptReader.openStdin(new ByteArrayInputStream(JSON_LINES.getBytes(StandardCharsets.UTF_8)))) {
      assertThat(reader.source()).isEqualTo("stdin");
      assertThat(reader.next().location()).isEqualTo("stdin, element 0 (line 1, byte offset 0)");
    }
  }

  @Test
  void followsTheIteratorContract() {
    try (AttemptReader reader =
        AttemptReader.open("x", new ByteArrayInputStream("[{}]".getBytes(StandardCharsets.UTF_8)))) {
      assertThat(reader.hasNext()).isTrue();
      assertThat(reader.hasNext()).isTrue();
      assertThat(reader.next()).isInstanceOf(ReadResult.Good.class);
      assertThat(reader.hasNext()).isFalse();
      assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class).hasMessage("No more elements in x");
    }
  }

  @Test
  void closingTwiceIsHarmless() {
    AttemptReader reader =
        AttemptReader.open("x", new ByteArrayInputStream("[{}]".getBytes(StandardCharsets.UTF_8)));
    reader.close();
    reader.close();
    assertThatThrownBy(reader::hasNext)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot read x: the reader is closed");
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = new byte[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}

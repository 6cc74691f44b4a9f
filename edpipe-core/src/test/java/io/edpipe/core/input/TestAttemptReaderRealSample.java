package io.edpipe.core.input;

import static io.edpipe.core.input.ReaderFixtures.elements;
import static io.edpipe.core.input.ReaderFixtures.gzip;
import static io.edpipe.core.input.ReaderFixtures.readAll;
import static io.edpipe.core.input.ReaderFixtures.sampleLines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real attempts must come out byte for byte as they went in, whatever the layout. */
class TestAttemptReaderRealSample {
  private static final List<String> LINES = sampleLines();

  @Test
  void jsonLinesElementsAreTheLinesByteForByte() {
    List<InputElement> elements = elements(readAll(String.join("\n", LINES) + "\n"));

    assertThat(elements).hasSize(10);
    assertThat(elements).extracting(InputElement::json).containsExactlyElementsOf(LINES);
    assertThat(elements.get(9).byteOffset())
        .isEqualTo(LINES.subList(0, 9).stream().mapToLong(line -> utf8(line).length + 1).sum());
    for (int i = 0; i < elements.size(); i++) {
      assertThat(utf8(elements.get(i).json())).isEqualTo(utf8(LINES.get(i)));
    }
  }

  @Test
  void compactArrayElementsAreTheLinesByteForByte() {
    String array = "[" + String.join(",", LINES) + "]";

    List<InputElement> elements = elements(readAll(array));

    assertThat(elements).extracting(InputElement::json).containsExactlyElementsOf(LINES);
    assertThat(elements).extracting(InputElement::line).containsOnly(1L);
    assertThat(elements.get(1).byteOffset()).isEqualTo(1 + utf8(LINES.get(0)).length + 1);
  }

  @Test
  void prettyPrintedArrayCompactsToTheOriginalLines() throws IOException {
    byte[] pretty = prettyPrintedArray(LINES);

    List<InputElement> elements = elements(readAll(gzip(pretty)));

    assertThat(elements).extracting(InputElement::json).containsExactlyElementsOf(LINES);
    assertThat(elements).extracting(InputElement::line).doesNotHaveDuplicates();
    String prettyText = new String(pretty, StandardCharsets.UTF_8);
    for (InputElement element : elements) {
      // the offset points at the element's '{', and the line is the line of that offset
      assertThat(pretty[(int) element.byteOffset()]).isEqualTo((byte) '{');
      long lineOfOffset = prettyText.substring(0, (int) element.byteOffset()).chars().filter(c -> c == '\n').count() + 1;
      assertThat(element.line()).isEqualTo(lineOfOffset);
    }
  }

  @Test
  void streamsALargeArrayInBoundedMemory() throws IOException {
    int count = 20_000; // about 50 MB
    long elementsRead = 0;
    try (JsonArrayElements elements =
        new JsonArrayElements("big", new GeneratedArrayInputStream(LINES, count), 0, 1, new JsonFactory())) {
      for (ReadResult result = elements.next(); result != null; result = elements.next()) {
        assertThat(result).isInstanceOf(ReadResult.Good.class);
        elementsRead++;
      }
      assertThat(elements.bufferCapacity()).isLessThanOrEqualTo(128 * 1024);
    }
    assertThat(elementsRead).isEqualTo(count);
  }

  private static byte[] prettyPrintedArray(List<String> lines) throws IOException {
    JsonFactory factory = new JsonFactory();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = factory.createGenerator(out).useDefaultPrettyPrinter()) {
      generator.writeStartArray();
      for (String line : lines) {
        try (JsonParser parser = factory.createParser(line)) {
          parser.nextToken();
          generator.copyCurrentStructure(parser);
        }
      }
      generator.writeEndArray();
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

package io.edpipe.core.input;

import static io.edpipe.core.input.ReaderFixtures.bad;
import static io.edpipe.core.input.ReaderFixtures.element;
import static io.edpipe.core.input.ReaderFixtures.gzip;
import static io.edpipe.core.input.ReaderFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestAttemptReaderBadInput {
  @TempDir Path directory;

  @Test
  void reportsAnInvalidJsonLineAndContinues() {
    String text = "{\"a\":1}\n{\"a\": tru}\n{\"a\":3}\n";

    List<ReadResult> results = readAll(text);

    assertThat(results).hasSize(3);
    assertThat(bad(results.get(1)))
        .isEqualTo(
            new BadElement(
                "test.json",
                1,
                2,
                8,
                "invalid JSON at byte offset 18: Unrecognized token 'tru': was expecting (JSON String, Number, Array,"
                    + " Object or token 'null', 'true' or 'false')",
                "{\"a\": tru}",
                false));
    assertThat(results.get(1).location()).isEqualTo("test.json, element 1 (line 2, byte offset 8)");
    assertThat(element(results.get(2))).isEqualTo(new InputElement("test.json", 2, 3, 19, "{\"a\":3}"));
  }

  @Test
  void reportsJsonLinesThatAreNotObjects() {
    List<ReadResult> results = readAll("{\"a\":1}\n[1, 2]\n\"text\"\n42\nnull\n{\"a\":2}");

    assertThat(results.subList(1, 5))
        .map(result -> bad(result).reason())
        .containsExactly(
            "not a JSON object (found an array)",
            "not a JSON object (found a string)",
            "not a JSON object (found a number)",
            "not a JSON object (found null)");
    assertThat(results.subList(1, 5)).map(result -> bad(result).endsInput()).containsOnly(false);
    assertThat(element(results.get(5)).index()).isEqualTo(5);
  }

  @Test
  void reportsTruncatedAndDoubledJsonLines() {
    List<ReadResult> results = readAll("{\"a\":{\"b\":1}\n{\"a\":1} {\"a\":2}\n{\"a\":1}}\n");

    assertThat(bad(results.get(0)).reason()).startsWith("truncated JSON: the line ends inside the object: ");
    assertThat(bad(results.get(1)).reason())
        .isEqualTo("more than one JSON value on the line (the next starts at byte offset 21)");
    assertThat(bad(results.get(2)).reason()).startsWith("invalid JSON at byte offset 36: Unexpected close marker '}'");
  }

  @Test
  void reportsInvalidUtf8() {
    byte[] broken = "{\"a\":1}\n{\"a\":\"x?\"}\n".getBytes(StandardCharsets.US_ASCII);
    broken[15] = (byte) 0xC3; // a lead byte followed by '"': Jackson finds it
    byte[] surrogate = "{\"a\":1}\n{\"a\":\"x???\"}\n".getBytes(StandardCharsets.US_ASCII);
    surrogate[15] = (byte) 0xED; // an encoded UTF-16 surrogate: Jackson lets it pass, the decoder does not
    surrogate[16] = (byte) 0xA0;
    surrogate[17] = (byte) 0x80;
    byte[] array = "[{\"a\":\"x???\"}]".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(surrogate, 15, array, 8, 3);

    assertThat(bad(readAll(broken).get(1)).reason())
        .isEqualTo("invalid JSON at byte offset 17: Invalid UTF-8 middle byte 0x22");
    assertThat(bad(readAll(surrogate).get(1)).reason()).isEqualTo("not valid UTF-8 at byte offset 15");
    assertThat(bad(readAll(array).get(0)))
        .extracting(BadElement::reason, BadElement::endsInput)
        .containsExactly("not valid UTF-8", false);
  }

  @Test
  void reportsArrayElementsThatAreNotObjectsAndContinues() {
    String text = "[1, {\"a\":1}, \"s\\\"x\", [2, [3]], null, {\"a\":2}]";

    List<ReadResult> results = readAll(text);

    assertThat(results).hasSize(6);
    assertThat(bad(results.get(0)))
        .isEqualTo(new BadElement("test.json", 0, 1, 1, "not a JSON object (found a number)", "1", false));
    assertThat(element(results.get(1))).isEqualTo(new InputElement("test.json", 1, 1, 4, "{\"a\":1}"));
    assertThat(bad(results.get(2)))
        .isEqualTo(new BadElement("test.json", 2, 1, 13, "not a JSON object (found a string)", "\"s\\\"x\"", false));
    assertThat(bad(results.get(3)))
        .isEqualTo(new BadElement("test.json", 3, 1, 21, "not a JSON object (found an array)", "[2, [3]]", false));
    assertThat(bad(results.get(4)).reason()).isEqualTo("not a JSON object (found null)");
    assertThat(element(results.get(5)).index()).isEqualTo(5);
  }

  @Test
  void reportsAnArrayTruncatedInsideAnElementAndStops() {
    String text = "[{\"a\":1},\n {\"b\":[1,";

    List<ReadResult> results = readAll(text);

    assertThat(results).hasSize(2);
    BadElement truncated = bad(results.get(1));
    assertThat(truncated.location()).isEqualTo("test.json, element 1 (line 2, byte offset 11)");
    assertThat(truncated.reason())
        .startsWith("truncated: the input ends inside this element at line 2, byte offset 19: Unexpected end-of-input");
    assertThat(truncated.rawText()).isEqualTo("{\"b\":[1,");
    assertThat(truncated.endsInput()).isTrue();
  }

  @Test
  void reportsAnArrayTruncatedBetweenElements() {
    BadElement unclosed = bad(readAll("[{\"a\":1}, {\"a\":2}").get(2));
    BadElement afterComma = bad(readAll("[{\"a\":1},").get(1));

    assertThat(unclosed.index()).isEqualTo(2);
    assertThat(unclosed.reason())
        .isEqualTo(
            "truncated: the input ends before the array is closed at line 1, byte offset 17: Unexpected"
                + " end-of-input: expected close marker for Array");
    assertThat(unclosed.endsInput()).isTrue();
    assertThat(afterComma.reason()).startsWith("truncated: the input ends before the array is closed");
  }

  @Test
  void stopsAtASyntaxErrorInAnArray() {
    List<ReadResult> results = readAll("[{\"a\":1}\n{\"a\":2}, {\"a\":3}]");

    assertThat(results).hasSize(2);
    assertThat(bad(results.get(1)).reason())
        .isEqualTo(
            "invalid JSON at line 2, byte offset 9: Unexpected character ('{' (code 123)): was expecting comma"
                + " to separate Array entries");
    assertThat(bad(results.get(1)).location()).isEqualTo("test.json, element 1 (line 2, byte offset 9)");
    assertThat(bad(results.get(1)).endsInput()).isTrue();
  }

  @Test
  void reportsContentAfterTheArray() {
    List<ReadResult> results = readAll("[{\"a\":1}]\n[{\"a\":2}]");

    assertThat(results).hasSize(2);
    assertThat(bad(results.get(1)))
        .isEqualTo(
            new BadElement(
                "test.json", 1, 2, 9, "unexpected content after the end of the array", "\n[{\"a\":2}]", true));
  }

  @Test
  void rejectsATopLevelScalarOrUnknownFormat() {
    assertThatThrownBy(() -> readAll("42"))
        .isInstanceOf(PipelineException.class)
        .hasMessage(
            "Cannot read test.json: expected a JSON array ('[') or JSON Lines ('{') but found '4' at byte offset 0");
    assertThatThrownBy(() -> readAll("\n  \"text\""))
        .hasMessage(
            "Cannot read test.json: expected a JSON array ('[') or JSON Lines ('{') but found '\"' at byte offset 3");
    assertThatThrownBy(() -> readAll(new byte[] {(byte) 0xFF, (byte) 0xFE, '[', 0}))
        .hasMessage(
            "Cannot read test.json: expected a JSON array ('[') or JSON Lines ('{') but found byte 0xFF (UTF-16 or"
                + " UTF-32? only UTF-8 is supported) at byte offset 0");
  }

  @Test
  void rejectsAnEmptyInput() {
    assertThatThrownBy(() -> readAll(""))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Cannot read test.json: the input is empty (no JSON array or JSON Lines found)")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.BAD_INPUT);
    assertThatThrownBy(() -> readAll(" \n\t"))
        .hasMessage("Cannot read test.json: the input is empty (no JSON array or JSON Lines found)");
  }

  @Test
  void rejectsAMissingFile() {
    Path missing = directory.resolve("missing.json");

    assertThatThrownBy(() -> AttemptReader.open(missing))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Cannot read " + missing + ": no such file");
  }

  @Test
  void rejectsTruncatedGzipData() {
    byte[] compressed = gzip("{\"a\":1}\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
    byte[] truncated = Arrays.copyOf(compressed, compressed.length - 20);

    assertThatThrownBy(() -> readAll(truncated))
        .isInstanceOf(PipelineException.class)
        .hasMessageStartingWith("Cannot read test.json: truncated or corrupt gzip data (");
  }
}

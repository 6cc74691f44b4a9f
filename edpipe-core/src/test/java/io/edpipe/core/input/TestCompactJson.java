package io.edpipe.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestCompactJson {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"a\":1}|{\"a\":1}",
        "` { \"a\" :\t1 ,\r\n \"b\" : [ 1 , 2 ] } `|{\"a\":1,\"b\":[1,2]}",
        "{\"a b\" : \" x  y \"}|{\"a b\":\" x  y \"}",
        "{\"a\" : \"q\\\" \\\\\" , \"b\" : 2}|{\"a\":\"q\\\" \\\\\",\"b\":2}",
        "{\"a\":\"\\\\\" , \"b\" : \" \"}|{\"a\":\"\\\\\",\"b\":\" \"}",
      })
  void dropsOnlyWhitespaceBetweenTokens(String json, String compact) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

    assertThat(new String(CompactJson.strip(bytes, 0, bytes.length), StandardCharsets.UTF_8)).isEqualTo(compact);
  }

  /** Values whose quotes, escapes and blanks fall on every position of the eight-byte words the scan reads. */
  @Test
  void copiesCompactValuesAsStrippingEachByteWould() {
    Random random = new Random(42);
    String[] pieces = {" ", "\t", "\r\n", "\"", "\\\\", "\\\"", "a", "bcdefghij", "é", "{", "}", "[", "]", ":", ",", "1"};
    for (int round = 0; round < 20_000; round++) {
      StringBuilder json = new StringBuilder();
      boolean inString = false;
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        String piece = pieces[random.nextInt(pieces.length)];
        if (!inString && (piece.startsWith("\\") || piece.equals("é"))) {
          continue; // escapes and non-ASCII only inside strings, as in valid JSON
        }
        if (piece.equals("\"")) {
          inString = !inString;
        }
        json.append(piece);
      }
      if (inString) {
        json.append('"');
      }
      byte[] bytes = ("  " + json + " ").getBytes(StandardCharsets.UTF_8);
      int from = random.nextInt(3);
      assertThat(CompactJson.strip(bytes, from, bytes.length))
          .as("%s", json)
          .isEqualTo(CompactJson.stripEachByte(bytes, from, bytes.length));
    }
  }

  @Test
  void findsBytesAtEveryPositionOfAWord() {
    for (int length = 0; length < 30; length++) {
      for (int at = 0; at < length; at++) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'x');
        bytes[at] = '\n';
        assertThat(Bytes8.indexOf(bytes, (byte) '\n', 0, length)).isEqualTo(at);
        assertThat(Bytes8.indexOf(bytes, (byte) '\n', at + 1, length)).isEqualTo(-1);
        assertThat(Bytes8.isAscii(bytes, 0, length)).isTrue();
        bytes[at] = (byte) 0xC3;
        assertThat(Bytes8.isAscii(bytes, 0, length)).isFalse();
        assertThat(Bytes8.isAscii(bytes, at + 1, length)).isTrue();
      }
    }
  }

  @Test
  void countsBytesExactly() {
    byte[] bytes = "\"a\"\"\"x\"\"".getBytes(StandardCharsets.UTF_8);
    assertThat(Bytes8.count(Bytes8.word(bytes, 0), (byte) '"')).isEqualTo(6);
    assertThat(Bytes8.count(Bytes8.word(new byte[] {0, 1, 2, 3, 4, 5, 6, 7}, 0), (byte) 0)).isEqualTo(1);
    assertThat(Bytes8.count(Bytes8.word(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}, 0), (byte) -1)).isEqualTo(8);
  }

  @Test
  void tellsCompactJsonApart() {
    assertThat(compact("{\"a\":\"x y\",\"b\":[1,2],\"c\":\"long enough to fill some words\"}")).isTrue();
    assertThat(compact("{\"a\":\"x y\",\"b\":[1, 2],\"c\":\"long enough to fill some words\"}")).isFalse();
    assertThat(compact("{\"a\":\"x\\\"y\"}")).as("a backslash: not sure").isFalse();
  }

  private static boolean compact(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return CompactJson.isCompact(bytes, 0, bytes.length);
  }
}

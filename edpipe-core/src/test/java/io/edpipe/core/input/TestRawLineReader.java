package io.edpipe.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class TestRawLineReader {
  @Test
  void readsEveryLineAsItsBytes() {
    byte[] input = {'a', '\n', '\n', (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}', '\r', '\n', (byte) 0xE9, 'x'};

    List<RawLine> lines = read(input);

    assertThat(lines).extracting(RawLine::line).containsExactly(1L, 2L, 3L, 4L);
    assertThat(lines).extracting(RawLine::byteOffset).containsExactly(0L, 2L, 3L, 10L);
    assertThat(lines.get(0).bytes()).containsExactly('a');
    assertThat(lines.get(1).bytes()).isEmpty();
    // a BOM and a carriage return are kept: other producers send them
    assertThat(lines.get(2).bytes()).containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}', '\r');
    // the last line has no line end, and bytes that are not UTF-8 stay as they are
    assertThat(lines.get(3).bytes()).containsExactly((byte) 0xE9, 'x');
    assertThat(lines.get(3).location()).isEqualTo("in, line 4 (byte offset 10)");
  }

  @Test
  void aFinalLineEndStartsNoLine() {
    assertThat(read("a\nb\n".getBytes(StandardCharsets.UTF_8))).hasSize(2);
    assertThat(read(new byte[0])).isEmpty();
  }

  @Test
  void decompressesGzip() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write("one\ntwo\n".getBytes(StandardCharsets.UTF_8));
    }

    assertThat(read(compressed.toByteArray()))
        .extracting(line -> new String(line.bytes(), StandardCharsets.UTF_8))
        .containsExactly("one", "two");
  }

  private static List<RawLine> read(byte[] input) {
    List<RawLine> lines = new ArrayList<>();
    try (RawLineReader reader = RawLineReader.open("in", new ByteArrayInputStream(input))) {
      reader.forEachRemaining(lines::add);
    }
    return lines;
  }
}

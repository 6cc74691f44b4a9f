package io.edpipe.core.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A twin spread over several customers: the same records, each exam with one customer only. */
class TestTwinSpread {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void spreadsTheSameRecordsOverTheStreamsByExam() {
    TwinGenerator generator = TwinGenerator.create(new TwinConfig(TwinConfig.defaults().seed(), 3280, TwinFormat.JSONL));
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    generator.writeTo(whole);
    List<ByteArrayOutputStream> outs = IntStream.range(0, 3).mapToObj(i -> new ByteArrayOutputStream()).toList();

    long[] written = generator.writeSpread(new ArrayList<>(outs));

    List<List<String>> lines = outs.stream().map(TestTwinSpread::lines).toList();
    assertThat(written).containsExactly(lines.get(0).size(), lines.get(1).size(), lines.get(2).size());
    assertThat(written[0] + written[1] + written[2]).isEqualTo(3280);
    assertThat(java.util.Arrays.stream(written).min().orElseThrow()).as("the smallest share").isGreaterThan(500);
    assertThat(lines.stream().flatMap(List::stream).sorted().toList())
        .as("the whole twin's records, spread")
        .isEqualTo(lines(whole).stream().sorted().toList());
    List<Set<String>> exams = lines.stream().map(TestTwinSpread::examNames).toList();
    for (int i = 0; i < 3; i++) {
      for (int j = i + 1; j < 3; j++) {
        Set<String> shared = new HashSet<>(exams.get(i));
        shared.retainAll(exams.get(j));
        assertThat(shared).as("exams of customers %d and %d", i, j).isEmpty();
      }
    }
  }

  @Test
  void writesEachSpreadFileAsAValidArray() throws IOException {
    TwinGenerator generator = TwinGenerator.create(new TwinConfig(7, 200, TwinFormat.ARRAY));
    List<ByteArrayOutputStream> outs = IntStream.range(0, 2).mapToObj(i -> new ByteArrayOutputStream()).toList();

    long[] written = generator.writeSpread(new ArrayList<>(outs));

    for (int i = 0; i < 2; i++) {
      JsonNode array = JSON.readTree(outs.get(i).toByteArray());
      assertThat(array.isArray()).isTrue();
      assertThat(array.size()).isEqualTo(written[i]);
    }
  }

  private static List<String> lines(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static Set<String> examNames(List<String> lines) {
    Set<String> names = new HashSet<>();
    for (String line : lines) {
      try {
        names.add(JSON.readTree(line).path("exam_name").asText());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return names;
  }
}

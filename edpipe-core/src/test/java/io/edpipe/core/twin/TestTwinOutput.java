package io.edpipe.core.twin;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Determinism, both formats, the record stream, and twins of other sizes. */
class TestTwinOutput {
  private static final long SCALED_RECORDS = 20_000;

  private static TwinOutput exact;
  private static TwinOutput scaled;

  @BeforeAll
  static void generate() {
    exact = TwinOutput.generate(TwinConfig.defaults());
    scaled = TwinOutput.generate(new TwinConfig(TwinConfig.DEFAULT_SEED, SCALED_RECORDS, TwinFormat.JSONL));
  }

  @Test
  void sameSeedGivesTheSameBytes() {
    assertThat(TwinOutput.generate(TwinConfig.defaults()).bytes()).isEqualTo(exact.bytes());
  }

  @Test
  void anotherSeedGivesOtherBytesWithTheSameFigures() {
    TwinOutput other = TwinOutput.generate(new TwinConfig(7, PublishedFigures.RECORDS, TwinFormat.ARRAY));
    assertThat(other.bytes()).isNotEqualTo(exact.bytes());
    assertThat(other.records()).hasSize(PublishedFigures.RECORDS);
    assertThat(other.records().stream().map(r -> r.get("user_exam_id").textValue()).distinct())
        .hasSize(PublishedFigures.DISTINCT_USER_EXAM_IDS);
    assertThat(other.records().stream().filter(r -> r.get("sequences").has("counts")).mapToInt(r -> correct(r)).sum())
        .isEqualTo(PublishedFigures.SUM_CORRECT);
  }

  @Test
  void jsonLinesHoldTheSameRecordsAsTheArray() {
    TwinOutput lines =
        TwinOutput.generate(new TwinConfig(TwinConfig.DEFAULT_SEED, PublishedFigures.RECORDS, TwinFormat.JSONL));
    assertThat(lines.texts()).isEqualTo(exact.texts());
    String array = new String(exact.bytes(), StandardCharsets.UTF_8);
    assertThat(array).isEqualTo("[\n" + String.join(",\n", exact.texts()) + "\n]\n");
  }

  @Test
  void arrayIsOneJsonDocument() throws IOException {
    JsonNode array = TwinOutput.MAPPER.readTree(exact.bytes());
    assertThat(array.isArray()).isTrue();
    assertThat(array.size()).isEqualTo(PublishedFigures.RECORDS);
    assertThat(array.get(0)).isEqualTo(exact.records().get(0));
    assertThat(array.get(PublishedFigures.RECORDS - 1)).isEqualTo(exact.records().get(PublishedFigures.RECORDS - 1));
  }

  @Test
  void streamsTheRecordsItWrites() {
    List<String> streamed = TwinGenerator.create(TwinConfig.defaults()).records().toList();
    assertThat(streamed).isEqualTo(exact.texts());
  }

  @Test
  void writesWithoutClosingTheStream() {
    ClosingCheckStream out = new ClosingCheckStream();
    long written = TwinGenerator.create(new TwinConfig(1, 10, TwinFormat.JSONL)).writeTo(out);
    assertThat(written).isEqualTo(10);
    assertThat(out.closed).isFalse();
    assertThat(out.flushed).isTrue();
  }

  @Test
  void scaledTwinHasTheRequestedRecordsWithFreshIds() {
    assertThat(scaled.records()).hasSize((int) SCALED_RECORDS);
    Set<String> exactIds = new HashSet<>();
    exact.records().forEach(r -> exactIds.add(r.get("user_exam_id").textValue()));
    assertThat(scaled.records()).noneMatch(r -> exactIds.contains(r.get("user_exam_id").textValue()));
  }

  @Test
  void scaledTwinKeepsTheRates() {
    List<JsonNode> records = scaled.records();
    double size = records.size();
    Map<String, Long> byExam = records.stream().collect(groupingBy(r -> r.get("exam_name").textValue(), counting()));
    assertThat(byExam.get(PublishedFigures.MOST_COMMON_EXAM) / size)
        .isCloseTo(PublishedFigures.MOST_COMMON_EXAM_RECORDS / (double) PublishedFigures.RECORDS, within(0.01));
    assertThat(byExam.getOrDefault(PublishedFigures.TEST_EXAM_NAME, 0L) / size)
        .isCloseTo(PublishedFigures.RECORDS_WITHOUT_COUNTS / (double) PublishedFigures.RECORDS, within(0.001));
    assertThat(records.stream().filter(r -> !r.get("sequences").has("counts")).count())
        .isEqualTo(byExam.getOrDefault(PublishedFigures.TEST_EXAM_NAME, 0L));

    long fourQuestions = records.stream().filter(r -> r.get("sequences").has("counts") && total(r) == 4).count();
    assertThat(fourQuestions / size)
        .isCloseTo(PublishedFigures.QUESTIONS_PER_ATTEMPT.get(4) / (double) PublishedFigures.RECORDS, within(0.015));
    long allCorrect = records.stream().filter(r -> r.get("sequences").has("counts") && correct(r) == total(r)).count();
    assertThat(allCorrect / size)
        .isCloseTo(PublishedFigures.ALL_CORRECT_TRUE / (double) PublishedFigures.RECORDS, within(0.015));
    long withoutCertification = records.stream().filter(r -> !r.has("certification")).count();
    assertThat(withoutCertification / size)
        .isCloseTo(PublishedFigures.CERTIFICATION_ABSENT / (double) PublishedFigures.RECORDS, within(0.006));
  }

  @Test
  void scaledTwinDuplicatesAtTheRealRateAsExactCopies() {
    Map<String, List<Integer>> positions = new TreeMap<>();
    for (int i = 0; i < scaled.records().size(); i++) {
      String userExamId = scaled.records().get(i).get("user_exam_id").textValue();
      positions.computeIfAbsent(userExamId, id -> new ArrayList<>()).add(i);
    }
    double duplicateRate = (scaled.records().size() - positions.size()) / (double) scaled.records().size();
    assertThat(duplicateRate)
        .isCloseTo(PublishedFigures.DUPLICATE_ROWS / (double) PublishedFigures.RECORDS, within(0.004));
    for (List<Integer> copies : positions.values()) {
      assertThat(copies).hasSizeLessThanOrEqualTo(3);
      copies.forEach(i -> assertThat(scaled.texts().get(i)).isEqualTo(scaled.texts().get(copies.get(0))));
    }
  }

  @Test
  void anyRecordCountIsExact() {
    for (long records : List.of(1L, 2L, 3L, 100L, 3_279L, 3_281L)) {
      CountingStream out = new CountingStream();
      TwinGenerator generator = TwinGenerator.create(new TwinConfig(records, records, TwinFormat.JSONL));
      assertThat(generator.writeTo(out)).isEqualTo(records);
      assertThat(out.lines).isEqualTo(records);
    }
  }

  @Test
  void generatesTheExactTwinQuickly() {
    long start = System.nanoTime();
    TwinGenerator.create(new TwinConfig(99, PublishedFigures.RECORDS, TwinFormat.ARRAY)).writeTo(new CountingStream());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  private static int correct(JsonNode record) {
    return record.get("sequences").get("counts").get("correct").intValue();
  }

  private static int total(JsonNode record) {
    return record.get("sequences").get("counts").get("total").intValue();
  }

  /** Counts bytes and line ends, keeps nothing. */
  private static final class CountingStream extends OutputStream {
    long lines;

    @Override
    public void write(int b) {
      lines += b == '\n' ? 1 : 0;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        lines += bytes[i] == '\n' ? 1 : 0;
      }
    }
  }

  private static final class ClosingCheckStream extends ByteArrayOutputStream {
    boolean closed;
    boolean flushed;

    @Override
    public void flush() {
      flushed = true;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}

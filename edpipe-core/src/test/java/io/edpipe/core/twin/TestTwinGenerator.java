package io.edpipe.core.twin;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summingInt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default twin reproduces every published figure of the real file and every row of the exam catalog. */
class TestTwinGenerator {
  private static TwinOutput twin;
  private static List<JsonNode> records;

  @BeforeAll
  static void generateDefaultTwin() {
    twin = TwinOutput.generate(TwinConfig.defaults());
    records = twin.records();
  }

  @Test
  void hasThePublishedRecordsAndDistinctIds() {
    assertThat(records).hasSize(PublishedFigures.RECORDS);
    assertThat(distinct("keen_id")).hasSize(PublishedFigures.DISTINCT_USER_EXAM_IDS);
    assertThat(distinct("user_exam_id")).hasSize(PublishedFigures.DISTINCT_USER_EXAM_IDS);
    // keen_id and user_exam_id identify the same records
    assertThat(records.stream().map(r -> text(r, "keen_id") + "/" + text(r, "user_exam_id")).distinct())
        .hasSize(PublishedFigures.DISTINCT_USER_EXAM_IDS);
  }

  @Test
  void duplicatesAreExactCopiesAtDifferentPositions() {
    Map<String, List<Integer>> positions = new TreeMap<>();
    for (int i = 0; i < records.size(); i++) {
      positions.computeIfAbsent(text(records.get(i), "user_exam_id"), id -> new ArrayList<>()).add(i);
    }
    Map<Integer, Long> idsBySeen =
        positions.values().stream().filter(p -> p.size() > 1).collect(groupingBy(List::size, counting()));
    assertThat(idsBySeen)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                3, (long) PublishedFigures.USER_EXAM_IDS_SEEN_THREE_TIMES,
                2, (long) PublishedFigures.USER_EXAM_IDS_SEEN_TWICE));
    assertThat(records.size() - positions.size()).isEqualTo(PublishedFigures.DUPLICATE_ROWS);
    for (List<Integer> copies : positions.values()) {
      Set<String> texts = copies.stream().map(twin.texts()::get).collect(Collectors.toSet());
      assertThat(texts).as("copies of %s", copies).hasSize(1);
      for (int k = 1; k < copies.size(); k++) {
        assertThat(copies.get(k) - copies.get(k - 1)).as("gap between copies").isGreaterThan(1);
      }
    }
  }

  @Test
  void reproducesEveryCatalogRow() {
    ExamCatalog catalog = ExamCatalog.load();
    assertThat(distinct("exam_name")).hasSize(PublishedFigures.EXAM_NAMES);
    assertThat(distinct("base_exam_id")).hasSize(PublishedFigures.BASE_EXAM_IDS);
    for (ExamCatalog.Exam exam : catalog.exams()) {
      List<JsonNode> ofExam = select(r -> text(r, "exam_name").equals(exam.name()));
      assertThat(ofExam).as("records of %s", exam.name()).hasSize(exam.records());
      assertThat(ofExam.stream().map(r -> text(r, "user_exam_id")).distinct())
          .as("distinct user_exam_ids of %s", exam.name())
          .hasSize(exam.distinctUserExamIds());
      Map<String, Integer> byBaseExam =
          ofExam.stream().collect(groupingBy(r -> text(r, "base_exam_id"), summingInt(r -> 1)));
      assertThat(byBaseExam)
          .as("base_exam_ids of %s", exam.name())
          .isEqualTo(
              exam.baseExams().stream()
                  .collect(Collectors.toMap(ExamCatalog.BaseExam::id, ExamCatalog.BaseExam::records)));
      if (exam.scores().isPresent()) {
        ExamCatalog.Scores scores = exam.scores().get();
        assertThat(sum(ofExam, "correct")).as("sum of correct of %s", exam.name()).isEqualTo(scores.correct());
        assertThat(sum(ofExam, "total")).as("sum of total of %s", exam.name()).isEqualTo(scores.total());
      } else {
        assertThat(ofExam).allMatch(r -> !r.get("sequences").has("counts"));
      }
    }
  }

  @Test
  void hasThePublishedQuestionsPerAttempt() {
    Map<Integer, Integer> histogram = new TreeMap<>();
    int missing = 0;
    for (JsonNode record : records) {
      JsonNode counts = record.get("sequences").get("counts");
      if (counts == null || counts.get("total") == null) {
        missing++;
      } else {
        histogram.merge(counts.get("total").intValue(), 1, Integer::sum);
      }
    }
    assertThat(histogram).isEqualTo(PublishedFigures.QUESTIONS_PER_ATTEMPT);
    assertThat(missing).isEqualTo(PublishedFigures.RECORDS_WITHOUT_COUNTS);
  }

  @Test
  void hasThePublishedAllCorrectAndScores() {
    List<JsonNode> counted = withCounts();
    assertThat(counted).hasSize(PublishedFigures.RECORDS_WITH_COUNTS);
    assertThat(counted.stream().filter(r -> counts(r).get("all_correct").booleanValue()))
        .hasSize(PublishedFigures.ALL_CORRECT_TRUE);
    assertThat(counted.stream().filter(r -> !counts(r).get("all_correct").booleanValue()))
        .hasSize(PublishedFigures.ALL_CORRECT_FALSE);
    assertThat(records.size() - counted.size()).isEqualTo(PublishedFigures.ALL_CORRECT_MISSING);

    int correct = sum(counted, "correct");
    int total = sum(counted, "total");
    assertThat(correct).isEqualTo(PublishedFigures.SUM_CORRECT);
    assertThat(total).isEqualTo(PublishedFigures.SUM_TOTAL);
    assertThat(percent(BigDecimal.valueOf(correct).divide(BigDecimal.valueOf(total), 12, RoundingMode.HALF_UP)))
        .isEqualTo(PublishedFigures.SCORE_PERCENT);
  }

  @Test
  void meanScoreRoundsToThePublishedMean() {
    List<JsonNode> counted = withCounts();
    double mean =
        counted.stream()
            .mapToDouble(r -> counts(r).get("correct").intValue() / (double) counts(r).get("total").intValue())
            .average()
            .orElseThrow();
    assertThat(percent(BigDecimal.valueOf(mean))).isEqualTo(PublishedFigures.MEAN_SCORE_PERCENT);
  }

  @Test
  void learningGitMatchesItsPublishedFigures() {
    List<JsonNode> git = select(r -> text(r, "exam_name").equals(PublishedFigures.MOST_COMMON_EXAM));
    assertThat(git).hasSize(PublishedFigures.MOST_COMMON_EXAM_RECORDS);
    assertThat(git.stream().map(r -> text(r, "user_exam_id")).distinct())
        .hasSize(PublishedFigures.MOST_COMMON_EXAM_DISTINCT_RECORDS);
    assertThat(git)
        .allSatisfy(
            r ->
                assertThat(counts(r).get("total").intValue())
                    .isEqualTo(PublishedFigures.MOST_COMMON_EXAM_QUESTIONS_PER_ATTEMPT));
    assertThat(sum(git, "correct")).isEqualTo(PublishedFigures.MOST_COMMON_EXAM_SUM_CORRECT);
    assertThat(sum(git, "total")).isEqualTo(PublishedFigures.MOST_COMMON_EXAM_SUM_TOTAL);
    assertThat(git.stream().filter(r -> counts(r).get("all_correct").booleanValue()))
        .hasSize(PublishedFigures.MOST_COMMON_EXAM_ALL_CORRECT);

    Map<String, Long> byExam = records.stream().collect(groupingBy(r -> text(r, "exam_name"), counting()));
    long most = byExam.values().stream().max(Comparator.naturalOrder()).orElseThrow();
    assertThat(byExam).containsEntry(PublishedFigures.MOST_COMMON_EXAM, most);
    assertThat(byExam.entrySet().stream().filter(e -> e.getValue() == 1).map(Map.Entry::getKey))
        .containsExactlyInAnyOrderElementsOf(PublishedFigures.LEAST_COMMON_EXAMS);
  }

  @Test
  void onlyTheTestExamLacksCounts() {
    List<JsonNode> withoutCounts = select(r -> !r.get("sequences").has("counts"));
    assertThat(withoutCounts).hasSize(PublishedFigures.RECORDS_WITHOUT_COUNTS);
    assertThat(withoutCounts)
        .allSatisfy(
            r -> {
              assertThat(text(r, "exam_name")).isEqualTo(PublishedFigures.TEST_EXAM_NAME);
              assertThat(text(r, "base_exam_id")).isEqualTo(PublishedFigures.TEST_BASE_EXAM_ID);
              assertThat(r.get("sequences").get("questions")).isNotEmpty();
            });
  }

  @Test
  void certificationIsFalseOrAbsentAndMaxAttemptsOne() {
    assertThat(select(r -> r.has("certification") && text(r, "certification").equals("false")))
        .hasSize(PublishedFigures.CERTIFICATION_FALSE);
    // the twin leaves the key out rather than writing null
    assertThat(select(r -> !r.has("certification"))).hasSize(PublishedFigures.CERTIFICATION_ABSENT);
    assertThat(records).allSatisfy(r -> assertThat(text(r, "max_attempts")).isEqualTo(PublishedFigures.MAX_ATTEMPTS));
  }

  @Test
  void startsInThePublishedRangeHittingBothEndMinutesNotInTimeOrder() {
    List<Instant> started = records.stream().map(r -> Instant.parse(text(r, "started_at"))).toList();
    Instant first = started.stream().min(Comparator.naturalOrder()).orElseThrow();
    Instant last = started.stream().max(Comparator.naturalOrder()).orElseThrow();
    assertThat(first.truncatedTo(ChronoUnit.MINUTES)).isEqualTo(PublishedFigures.STARTED_AT_MIN_MINUTE);
    assertThat(last.truncatedTo(ChronoUnit.MINUTES)).isEqualTo(PublishedFigures.STARTED_AT_MAX_MINUTE);
    long outOfOrder =
        IntStream.range(1, started.size()).filter(i -> started.get(i).isBefore(started.get(i - 1))).count();
    assertThat(outOfOrder).as("records starting before their predecessor").isGreaterThan(records.size() / 4);
  }

  private static Set<String> distinct(String field) {
    Set<String> values = new HashSet<>();
    records.forEach(r -> values.add(text(r, field)));
    return values;
  }

  private static List<JsonNode> select(Predicate<JsonNode> predicate) {
    return records.stream().filter(predicate).toList();
  }

  private static List<JsonNode> withCounts() {
    return select(r -> r.get("sequences").has("counts"));
  }

  private static JsonNode counts(JsonNode record) {
    return record.get("sequences").get("counts");
  }

  private static int sum(List<JsonNode> records, String count) {
    return records.stream().mapToInt(r -> counts(r).get(count).intValue()).sum();
  }

  private static String text(JsonNode record, String field) {
    assertThat(record.get(field).isTextual()).as("%s is a string", field).isTrue();
    return record.get(field).textValue();
  }

  private static BigDecimal percent(BigDecimal ratio) {
    return ratio.movePointRight(2).setScale(3, RoundingMode.HALF_UP);
  }
}

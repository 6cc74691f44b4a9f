package io.edpipe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edpipe.core.table.ResultTable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answers on the ten real records, two copies of the first (one identical, one not), a bad message and a
 * test record without counts. Expected
 * values computed by hand from real-sample.jsonl: correct/total per record = 2/4, 1/4, 3/4, 2/4, 3/4, 5/5, 1/1,
 * 5/5, 4/4, 0/5.
 */
class TestBusinessQuestions {
  private static final String TOPIC = "answers-test";

  @TempDir static Path warehouse;

  private static SparkSession spark;
  private static Map<String, ResultTable> answers;

  @BeforeAll
  static void landTheSample() {
    spark = Fixtures.session(warehouse, "test-answers");
    InMemoryMessageSource source = new InMemoryMessageSource(TOPIC, 1);
    List<String> sample = Fixtures.realSample();
    sample.forEach(line -> source.append(0, line));
    source.append(0, sample.get(0)); // identical copy
    source.append(0, sample.get(0).replace("\"attempt\":1", "\"attempt\":2")); // same keen_id, other content
    source.append(0, "[]");
    // like the dataset's test records: no counts, no certification
    source.append(
        0,
        "{\"keen_id\":\"t1\",\"user_exam_id\":\"u1\",\"exam_name\":\"Example Exam\",\"base_exam_id\":\"example-id\","
            + "\"sequences\":{\"questions\":[]}}");
    new IcebergLander(spark, source, TOPIC).land();
    answers =
        new BusinessQuestions(spark)
            .answers("Introduction to Python").stream()
            .collect(Collectors.toMap(ResultTable::id, Function.identity()));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void countsMessagesAttemptsDuplicatesAndQuarantine() {
    assertThat(value("messages")).isEqualTo(14L);
    assertThat(value("distinct_attempts")).isEqualTo(11L);
    assertThat(value("distinct_user_exam_ids")).isEqualTo(11L);
    assertThat(value("duplicate_messages")).isEqualTo(2L);
    assertThat(rows("duplicates_by_content")).containsExactly(List.of(true, 1L), List.of(false, 1L));
    assertThat(rows("duplicated_attempts")).containsExactly(List.of(3L, 1L));
    assertThat(value("quarantined_messages")).isEqualTo(1L);
    assertThat(rows("quarantine_by_reason")).containsExactly(List.of("not_an_object", 1L));
  }

  @Test
  void countsExams() {
    assertThat(value("exams")).isEqualTo(8L);
    assertThat(value("base_exam_ids")).isEqualTo(8L);
    // Normal Forms: 2 attempts + 1 identical copy = 3 messages; Introduction to Python: 2 attempts
    assertThat(rows("most_common_exams_by_messages").get(0))
        .containsExactly("Normal Forms and All That Jazz Master Class", 3L, 2L);
    assertThat(rows("most_common_exams_by_attempts").subList(0, 3))
        .extracting(row -> row.get(0))
        // ties on attempts break on messages: Normal Forms has an identical copy
        .containsExactly(
            "Normal Forms and All That Jazz Master Class", "Introduction to Python", "The Principles of Microservices");
    assertThat(rows("least_common_exams_by_attempts"))
        .extracting(row -> row.get(0))
        .containsExactly(
            "Example Exam",
            "Git Fundamentals for Web Developers",
            "Intermediate Python Programming",
            "Introduction to Big Data",
            "Learning Git");
    assertThat(rows("exam_attempts")).containsExactly(List.of("Introduction to Python", 2L, 2L));
  }

  @Test
  void statesPercentCorrectBothWays() {
    // distinct attempts: 26 correct of 40 = 65.0 %; mean of ratios = (0.5+0.25+0.75+0.5+0.75+1+1+1+1+0)/10
    // messages: plus one identical copy of the first (2/4): 28 of 44 = 63.636 %; mean 7.25/11 = 65.909 %
    assertThat(rows("percent_correct"))
        .containsExactly(
            List.of("distinct attempts", 10L, 26L, 40L, 65.0, 67.5),
            List.of("messages", 11L, 28L, 44L, 63.636, 65.909));
  }

  @Test
  void distributesValues() {
    assertThat(rows("all_correct"))
        .containsExactly(List.of("false", 7L, 6L), List.of("missing", 1L, 1L), List.of("true", 4L, 4L));
    assertThat(rows("questions_per_attempt"))
        .containsExactly(
            List.of("1", 1L, 1L), List.of("4", 7L, 6L), List.of("5", 3L, 3L), List.of("missing", 1L, 1L));
    assertThat(rows("certification")).containsExactly(List.of("false", 11L, 10L), List.of("null", 1L, 1L));
    assertThat(rows("records_without_counts")).containsExactly(List.of("Example Exam", "example-id", 1L, 1L));
    List<Object> range = rows("started_at_range").get(0);
    assertThat(instant(range.get(0))).isEqualTo(Instant.parse("2018-01-23T14:21:47.505Z"));
  }

  @Test
  void answersEveryQuestionAsData() {
    List<BusinessQuestion> questions = BusinessQuestions.questions("Introduction to Python");
    assertThat(questions).extracting(BusinessQuestion::id).containsExactlyInAnyOrderElementsOf(answers.keySet());
    for (BusinessQuestion question : questions) {
      ResultTable answer = answers.get(question.id());
      assertThat(answer.title()).isEqualTo(question.title());
      assertThat(answer.note()).isEqualTo(question.note());
      assertThat(answer.isScalar()).as(question.id()).isEqualTo(question.shape() == BusinessQuestion.Shape.SCALAR);
    }
    assertThat(questions).filteredOn(question -> question.id().equals("exam_attempts")).singleElement()
        .satisfies(question -> assertThat(question.sql()).contains("WHERE exam_name = 'Introduction to Python'"));
  }

  @Test
  void answersInReadingOrderThoughAskedConcurrently() {
    assertThat(new BusinessQuestions(spark).answers("Introduction to Python"))
        .extracting(ResultTable::id)
        .containsExactlyElementsOf(
            BusinessQuestions.questions("Introduction to Python").stream().map(BusinessQuestion::id).toList());
  }

  @Test
  void aFailedQuestionFailsTheAnswersWithItsOwnError() {
    // a session of its own whose quarantine is a view without the column reason: one question cannot be planned
    SparkSession other = spark.newSession();
    other.sql("SELECT 'x' AS not_a_reason").createOrReplaceTempView("quarantine");

    assertThatThrownBy(() -> new BusinessQuestions(other).answers("Introduction to Python"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("reason");
    assertThat(other.catalog().isCached("attempt_messages")).as("released after failing").isFalse();
  }

  @Test
  void cachesTheViewWhilePreparedOnly() {
    BusinessQuestions questions = new BusinessQuestions(spark);
    questions.answers("Introduction to Python");
    assertThat(spark.catalog().isCached("attempt_messages")).as("released after answering").isFalse();

    questions.prepare();
    assertThat(spark.catalog().isCached("attempt_messages")).isTrue();
    assertThat(questions.answers("Introduction to Python")).hasSameSizeAs(answers.values());
    assertThat(spark.catalog().isCached("attempt_messages")).as("the caller prepared it: still cached").isTrue();

    questions.release();
    assertThat(spark.catalog().isCached("attempt_messages")).isFalse();
  }

  private static Object value(String id) {
    ResultTable table = answers.get(id);
    assertThat(table.isScalar()).as(id + " is a scalar").isTrue();
    return table.rows().get(0).get(0);
  }

  private static List<List<Object>> rows(String id) {
    return answers.get(id).rows();
  }

  private static Instant instant(Object value) {
    return value instanceof java.sql.Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
  }

}

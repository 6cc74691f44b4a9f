package io.edpipe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.edpipe.core.error.PipelineException;
import io.edpipe.core.items.Scoring;
import io.edpipe.report.Block;
import io.edpipe.report.Chart;
import io.edpipe.report.HtmlReport;
import io.edpipe.report.Report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The item statistics views over landed messages, and the report built on them: the ten real records, and the
 * partial-credit fixture of TestItemAnalyzer (values computed by hand there) sent as messages, with a repeated
 * user_exam_id and an attempt without questions.
 */
class TestItemStatistics {
  private static final String TOPIC = "items-test";
  private static final String PARTIAL_EXAM = "Partial Credit Fixture";

  @TempDir static Path warehouse;

  private static SparkSession spark;

  @BeforeAll
  static void landMessages() {
    spark = Fixtures.session(warehouse, "test-items");
    InMemoryMessageSource source = new InMemoryMessageSource(TOPIC, 1);
    Fixtures.realSample().forEach(line -> source.append(0, line));
    source.append(0, Fixtures.realSample().get(0)); // an identical copy: a duplicate, never counted
    // p1..p5 of TestItemAnalyzer.partialCredit: q1 has right options A, B, C and wrong D, E; q2 right K, wrong W1, W2
    source.append(0, attempt("p1", "u1", question("q1", true, "ABC", "ABCDE"), question("q2", true, "K", "KW")));
    source.append(0, attempt("p2", "u2", question("q1", false, "ABD", "ABCDE"), question("q2", true, "K", "KW")));
    source.append(0, attempt("p3", "u3", question("q1", false, "ADE", "ABCDE"), question("q2", false, "W", "KW")));
    source.append(0, attempt("p4", "u4", question("q1", false, "AB", "ABCDE"), question("q2", true, "K", "KW")));
    source.append(0, attempt("p5", "u5", question("q1", false, "", "ABCDE"), question("q2", false, "", "KW")));
    // another keen_id for u1: a repeat of the user_exam_id, left out and counted
    source.append(0, attempt("p1-again", "u1", question("q1", false, "", "ABCDE"), question("q2", false, "", "KW")));
    source.append(0, attempt("p6", "u6")); // no questions: left out and counted
    new IcebergLander(spark, source, TOPIC).land();
    new ItemStatistics(spark).registerViews();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /**
   * Introduction to Python, two real attempts of the same five questions: one all right (X = 5), one all wrong (X =
   * 0). Each question: x = (1, 0), rest = (4, 0): facility 0.5, sd sqrt(1/2), DI = DE = 100, cov(x, X) = 2.5 for
   * every question, so each effective weight is 20. Item variances 1/2 each, var X = 12.5: CIC = 100 * 5/4 * (1 -
   * 2.5/12.5) = 100, error ratio 0, standard error 0.
   */
  @Test
  void realSampleExam() {
    Row exam = single("SELECT * FROM exam_stats WHERE exam_name = 'Introduction to Python' AND scoring = 'dichotomous'");
    assertThat(exam.<Long>getAs("attempts")).isEqualTo(2L);
    assertThat(exam.<String>getAs("form")).isEqualTo("fixed");
    assertThat(exam.<Integer>getAs("items")).isEqualTo(5);
    assertThat(exam.<Double>getAs("mean")).isEqualTo(2.5);
    assertThat(exam.<Double>getAs("cic")).isCloseTo(100, within(1e-9));
    assertThat(exam.<Double>getAs("error_ratio")).isCloseTo(0, within(1e-9));
    assertThat(exam.<Double>getAs("skewness")).isNull();
    List<Row> items =
        spark.sql("SELECT * FROM item_stats WHERE exam_name = 'Introduction to Python' AND scoring = 'dichotomous'")
            .collectAsList();
    assertThat(items).hasSize(5);
    assertThat(items)
        .allSatisfy(item -> {
          assertThat(item.<Long>getAs("attempts")).isEqualTo(2L);
          assertThat(item.<Double>getAs("facility")).isEqualTo(0.5);
          assertThat(item.<Double>getAs("sd")).isCloseTo(Math.sqrt(0.5), within(1e-12));
          assertThat(item.<Double>getAs("discrimination_index")).isCloseTo(100, within(1e-9));
          assertThat(item.<Double>getAs("discriminative_efficiency")).isCloseTo(100, within(1e-9));
          assertThat(item.<Double>getAs("effective_weight")).isCloseTo(20, within(1e-9));
        });
  }

  /** The values of TestItemAnalyzer.partialCredit, through the landed tables. */
  @Test
  void partialCreditThroughTheTables() {
    Row partial = single("SELECT * FROM exam_stats WHERE exam_name = '" + PARTIAL_EXAM + "' AND scoring = 'partial'");
    assertThat(partial.<Long>getAs("attempts")).isEqualTo(5L);
    assertThat(partial.<Long>getAs("repeats")).isEqualTo(1L);
    assertThat(partial.<Long>getAs("without_questions")).isEqualTo(1L);
    assertThat(partial.<Double>getAs("mean")).isCloseTo(1, within(1e-12));
    assertThat(partial.<Double>getAs("cic")).isCloseTo(90, within(1e-9));
    assertThat(facility("partial", "q1")).isCloseTo(0.4, within(1e-12));
    assertThat(facility("dichotomous", "q1")).isCloseTo(0.2, within(1e-12));
    Row optionA =
        single(
            "SELECT * FROM option_stats WHERE exam_name = '" + PARTIAL_EXAM
                + "' AND scoring = 'partial' AND question_id = 'q1' AND option_id = 'q1-A'");
    assertThat(optionA.<Boolean>getAs("correct")).isTrue();
    assertThat(optionA.<Double>getAs("checked_share")).isCloseTo(0.8, within(1e-12));
    assertThat(optionA.<Double>getAs("point_biserial")).isCloseTo(0.25 / Math.sqrt(0.2 * 8 / 9), within(1e-12));
  }

  @Test
  void viewsCoverEveryExamUnderBothScorings() {
    // 7 exams in the real sample + the fixture exam, each under 2 scorings
    assertThat(spark.sql("SELECT exam_name, scoring FROM exam_stats").count()).isEqualTo(16);
    assertThat(spark.sql("SELECT DISTINCT scoring FROM item_stats").collectAsList())
        .extracting(row -> row.getString(0))
        .containsExactlyInAnyOrder("dichotomous", "partial");
    assertThat(spark.table("item_stats").columns())
        .startsWith(
            "exam_name", "question_id", "attempts", "facility", "sd", "discrimination_index",
            "discriminative_efficiency", "effective_weight");
    // the identical copy of the first real record is a duplicate: Normal Forms keeps 2 attempts
    assertThat(
            single("SELECT attempts FROM exam_stats WHERE exam_name LIKE 'Normal Forms%' AND scoring = 'partial'")
                .getLong(0))
        .isEqualTo(2L);
  }

  @Test
  void namesTheExamsAnUnknownNameMayMean() {
    ItemStatistics statistics = new ItemStatistics(spark);

    statistics.requireExam("Introduction to Python");
    assertThatThrownBy(() -> statistics.requireExam("python"))
        .isInstanceOf(PipelineException.class)
        .hasMessage(
            "Cannot analyse exam 'python': no landed attempt has that exam_name; did you mean"
                + " 'Introduction to Python', 'Intermediate Python Programming'?");
    assertThatThrownBy(() -> statistics.requireExam("Quantum Knitting"))
        .isInstanceOf(PipelineException.class)
        .hasMessageEndingWith("no landed attempt has that exam_name"
            + " (edpipe query \"SELECT DISTINCT exam_name FROM attempts\" lists them)");
  }

  @Test
  void reportFromTheLandedTables() {
    Report report =
        new LakeReport(spark, new LakeReport.Settings("Learning Git", Scoring.DICHOTOMOUS, "test lake")).build();

    // 10 real records + 1 identical copy + 7 fixture messages
    assertThat(report.headline())
        .extracting(Report.Metric::label, Report.Metric::value)
        .contains(tuple("Messages landed", "18"), tuple("Distinct attempts", "17"), tuple("Duplicate messages", "1"));
    assertThat(report.sections())
        .extracting(Report.Section::id)
        .containsExactly("pipeline", "charts", "answers", "quality", "items");
    List<Chart> charts = blocks(report, Chart.class);
    assertThat(charts)
        .extracting(Chart::id)
        .containsExactly(
            "attempts-per-exam", "score-distribution", "questions-per-attempt", "score-by-exam",
            "attempts-over-time", "facility-discrimination");
    Chart exams = charts.get(0);
    assertThat(exams.labels().get(0)).isEqualTo(PARTIAL_EXAM); // 7 attempts, the most
    assertThat(exams.series().get(0).values().get(0)).isEqualTo(7.0);
    // the real records started within hours of each other (the fixture has no started_at): per hour, as bars
    Chart time = charts.get(4);
    assertThat(time.kind()).isEqualTo(Chart.Kind.BAR);
    assertThat(time.note()).isEqualTo("distinct attempts per hour of started_at (UTC)");
    assertThat(time.labels()).first().asString().matches("2018-01-2\\d \\d\\d:00");
    assertThat(time.series().get(0).values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(10);
    // no exam has 30 attempts: the scatter shows every question that discriminates at all
    assertThat(charts.get(5).note()).startsWith("every question");
    assertThat(charts.get(5).series().get(0).points()).isNotEmpty();
    assertThat(blocks(report, Block.Findings.class).get(0).findings())
        .extracting(Block.Finding::title)
        .contains(
            "1 duplicate messages",
            "1 attempts without questions",
            "1 attempts repeat a user_exam_id under another keen_id");
    // one section per exam with analysed attempts: 7 real exams and the fixture
    assertThat(blocks(report, Block.Collapsible.class))
        .hasSize(8)
        .first()
        .satisfies(first -> assertThat(first.summary()).startsWith(PARTIAL_EXAM + ": 5 attempts, 2 questions, CIC "));
    assertThat(HtmlReport.render(report)).contains("Partial Credit Fixture", "Introduction to Python");
  }

  private static <T> List<T> blocks(Report report, Class<T> type) {
    return report.sections().stream()
        .flatMap(section -> section.blocks().stream())
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  private static double facility(String scoring, String questionId) {
    return single(
            "SELECT facility FROM item_stats WHERE exam_name = '" + PARTIAL_EXAM + "' AND scoring = '" + scoring
                + "' AND question_id = '" + questionId + "'")
        .getDouble(0);
  }

  private static Row single(String sql) {
    List<Row> rows = spark.sql(sql).collectAsList();
    assertThat(rows).as(sql).hasSize(1);
    return rows.get(0);
  }

  private static String attempt(String keenId, String userExamId, String... questions) {
    return "{\"keen_id\":\"" + keenId + "\",\"user_exam_id\":\"" + userExamId + "\",\"exam_name\":\"" + PARTIAL_EXAM
        + "\",\"base_exam_id\":\"fixture\",\"sequences\":{\"questions\":[" + String.join(",", questions) + "]}}";
  }

  /** A question whose options are the letters of {@code options}: A, B, C and K right, the rest wrong. */
  private static String question(String id, boolean userCorrect, String ticked, String options) {
    List<String> json = new ArrayList<>();
    for (char letter : options.toCharArray()) {
      boolean checked = ticked.indexOf(letter) >= 0;
      boolean correct = "ABCK".indexOf(letter) >= 0;
      // as in the dataset, "correct" appears only when true
      json.add("{\"checked\":" + checked + ",\"id\":\"" + id + "-" + letter + "\"" + (correct ? ",\"correct\":true" : "")
          + "}");
    }
    return "{\"id\":\"" + id + "\",\"user_correct\":" + userCorrect + ",\"options\":[" + String.join(",", json) + "]}";
  }
}

package io.edpipe.core.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.edpipe.core.items.ExamStatistics.Form;
import io.edpipe.core.items.OptionStatistics.Flag;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Item analysis against values computed by hand. Each fixture writes down its marks and the arithmetic; sample
 * (co)variances divide by n - 1, as Moodle's do.
 */
class TestItemAnalyzer {
  private static final Offset<Double> CLOSE = within(1e-9);

  /**
   * A fixed form of three questions, four attempts, dichotomous; q3 is right in every attempt (zero variance).
   *
   * <pre>
   *        q1 q2 q3   X
   *   a1    1  1  1   3
   *   a2    1  1  1   3
   *   a3    1  0  1   2
   *   a4    0  0  1   1
   * </pre>
   *
   * X: mean 9/4, median (2+3)/2 = 2.5, deviations .75 .75 -.25 -1.25, sum of squares 2.75, var 2.75/3 = 11/12,
   * sd sqrt(11/12) = 0.957427. Item variances: q1 (1,1,1,0) mean .75, 0.75/3 = 1/4; q2 (1,1,0,0) 1/3; q3 0.
   * CIC = 100 * 3/2 * (1 - (1/4 + 1/3) / (11/12)) = 150 * (1 - 7/11) = 600/11 = 54.5454...;
   * error ratio = 100 * sqrt(1 - 6/11) = 100 * sqrt(5/11) = 67.41999; standard error = sqrt(5/11) * sqrt(11/12) =
   * sqrt(5/12) = 0.645497.
   *
   * <p>k-statistics: m2 = 2.75/4 = .6875, m3 = (2 * .421875 - .015625 - 1.953125)/4 = -.28125, m4 = (2 * .31640625 +
   * .00390625 + 2.44140625)/4 = .76953125; k2 = 4 m2/3 = 11/12; k3 = 16 m3/(3*2) = -.75; k4 = 16 (5 m4 - 9 m2^2)/6
   * = 16 (3.84765625 - 4.25390625)/6 = -13/12. Skewness = -.75 / (11/12)^1.5 = -0.854563; kurtosis = (-13/12) /
   * (121/144) = -156/121 = -1.289256.
   *
   * <p>q1: rest X - x = (2,2,1,1), mean 1.5, var 1/3; cov(x, rest) = (.25*.5 + .25*.5 - .25*.5 + .75*.5)/3 = 1/6;
   * DI = 100 (1/6) / sqrt(1/4 * 1/3) = 100/sqrt(3) = 57.735; sorted x (0,1,1,1), sorted rest (1,1,2,2): cov
   * = (.375 - .125 + .125 + .125)/3 = 1/6, so DE = 100. cov(x, X) = (.1875 + .1875 - .0625 + .9375)/3 = 5/12.
   * q2: rest (2,2,2,1), var 1/4; cov(x, rest) = (.125 + .125 - .125 + .375)/3 = 1/6; DI = 100 (1/6)/sqrt(1/3 *
   * 1/4) = 57.735; sorted rest (1,2,2,2) gives the same cov, DE = 100; cov(x, X) = (.375+.375+.125+.625)/3 = 1/2.
   * q3: var 0, so sd 0 and DI, DE null; cov(x, X) = 0. Effective weights: sqrt(5/12) + sqrt(1/2) + 0 = 1.352604;
   * q1 100 * 0.645497 / 1.352604 = 47.722558, q2 52.277442, q3 0.
   */
  @Test
  void fixedFormWithAZeroVarianceQuestion() {
    ExamResponses exam =
        exam(
            attempt("a1", right("q1"), right("q2"), right("q3")),
            attempt("a2", right("q1"), right("q2"), right("q3")),
            attempt("a3", right("q1"), wrong("q2"), right("q3")),
            attempt("a4", wrong("q1"), wrong("q2"), right("q3")));

    ExamAnalysis analysis = new ItemAnalyzer(Scoring.DICHOTOMOUS).analyze(exam);

    ExamStatistics statistics = analysis.exam();
    assertThat(statistics.attempts()).isEqualTo(4);
    assertThat(statistics.questions()).isEqualTo(3);
    assertThat(statistics.form()).isEqualTo(Form.FIXED);
    assertThat(statistics.items()).isEqualTo(3);
    assertThat(statistics.mean()).isCloseTo(2.25, CLOSE);
    assertThat(statistics.median()).isCloseTo(2.5, CLOSE);
    assertThat(statistics.sd()).isCloseTo(Math.sqrt(11.0 / 12), CLOSE);
    assertThat(statistics.skewness()).isCloseTo(-0.75 / Math.pow(11.0 / 12, 1.5), CLOSE).isCloseTo(-0.854563, within(1e-6));
    assertThat(statistics.kurtosis()).isCloseTo(-156.0 / 121, CLOSE);
    assertThat(statistics.cic()).isCloseTo(600.0 / 11, CLOSE);
    assertThat(statistics.errorRatio()).isCloseTo(100 * Math.sqrt(5.0 / 11), CLOSE);
    assertThat(statistics.standardError()).isCloseTo(Math.sqrt(5.0 / 12), CLOSE);

    QuestionStatistics q1 = question(analysis, "q1");
    assertThat(q1.attempts()).isEqualTo(4);
    assertThat(q1.facility()).isCloseTo(0.75, CLOSE);
    assertThat(q1.sd()).isCloseTo(0.5, CLOSE);
    assertThat(q1.discriminationIndex()).isCloseTo(100 / Math.sqrt(3), CLOSE);
    assertThat(q1.discriminativeEfficiency()).isCloseTo(100, CLOSE);
    assertThat(q1.effectiveWeight()).isCloseTo(47.722558, within(1e-6));

    QuestionStatistics q2 = question(analysis, "q2");
    assertThat(q2.facility()).isCloseTo(0.5, CLOSE);
    assertThat(q2.sd()).isCloseTo(Math.sqrt(1.0 / 3), CLOSE);
    assertThat(q2.discriminationIndex()).isCloseTo(100 / Math.sqrt(3), CLOSE);
    assertThat(q2.discriminativeEfficiency()).isCloseTo(100, CLOSE);
    assertThat(q2.effectiveWeight()).isCloseTo(52.277442, within(1e-6));

    QuestionStatistics q3 = question(analysis, "q3");
    assertThat(q3.facility()).isCloseTo(1, CLOSE);
    assertThat(q3.sd()).isZero();
    assertThat(q3.discriminationIndex()).isNull();
    assertThat(q3.discriminativeEfficiency()).isNull();
    assertThat(q3.effectiveWeight()).isZero();
  }

  /**
   * Two questions that pull against each other: a negative alpha, reported as it is.
   *
   * <pre>
   *        q1 q2   X
   *   b1    1  0   1
   *   b2    0  1   1
   *   b3    1  1   2
   * </pre>
   *
   * Item variances: (1,0,1) mean 2/3, (1/9 + 4/9 + 1/9)/2 = 1/3 each. X: mean 4/3, var (1/9 + 1/9 + 4/9)/2 = 1/3.
   * CIC = 100 * 2/1 * (1 - (2/3)/(1/3)) = -200; error ratio = 100 * sqrt(1 + 2) = 173.205; standard error =
   * sqrt(3) * sqrt(1/3) = 1. Skewness: deviations -1/3 -1/3 2/3, m2 = 2/9, m3 = 2/27, k2 = 3 m2/2 = 1/3, k3 = 9
   * m3/2 = 1/3, skewness = (1/3)/(1/3)^1.5 = sqrt(3); kurtosis needs n >= 4: null.
   *
   * <p>q1: rest (0,1,1), cov(x, rest) = (1/3 * -2/3 + -2/3 * 1/3 + 1/3 * 1/3)/2 = -1/6, var x = var rest = 1/3,
   * DI = 100 (-1/6)/(1/3) = -50; sorted x = sorted rest = (0,1,1), max cov 1/3, DE = -50. cov(x, X) = (1/3 * -1/3 +
   * -2/3 * -1/3 + 1/3 * 2/3)/2 = 1/6 for both questions, so each effective weight is 50.
   */
  @Test
  void negativeAlpha() {
    ExamResponses exam =
        exam(
            attempt("b1", right("q1"), wrong("q2")),
            attempt("b2", wrong("q1"), right("q2")),
            attempt("b3", right("q1"), right("q2")));

    ExamAnalysis analysis = new ItemAnalyzer(Scoring.DICHOTOMOUS).analyze(exam);

    ExamStatistics statistics = analysis.exam();
    assertThat(statistics.cic()).isCloseTo(-200, CLOSE);
    assertThat(statistics.errorRatio()).isCloseTo(100 * Math.sqrt(3), CLOSE);
    assertThat(statistics.standardError()).isCloseTo(1, CLOSE);
    assertThat(statistics.median()).isCloseTo(1, CLOSE);
    assertThat(statistics.skewness()).isCloseTo(Math.sqrt(3), CLOSE);
    assertThat(statistics.kurtosis()).isNull();
    for (String id : List.of("q1", "q2")) {
      QuestionStatistics question = question(analysis, id);
      assertThat(question.facility()).isCloseTo(2.0 / 3, CLOSE);
      assertThat(question.discriminationIndex()).isCloseTo(-50, CLOSE);
      assertThat(question.discriminativeEfficiency()).isCloseTo(-50, CLOSE);
      assertThat(question.effectiveWeight()).isCloseTo(50, CLOSE);
    }
  }

  /**
   * Partial credit on a question with three right options (A, B, C) and two wrong (D, E); q2 has one right option
   * (K) of three (K, W1, W2).
   *
   * <pre>
   *        q1 ticks   q1 partial = max(0, (right - wrong)/3)   q1 dichotomous   q2 ticks  q2   X (partial)
   *   p1   A B C      (3 - 0)/3 = 1                            1                K         1    2
   *   p2   A B D      (2 - 1)/3 = 1/3                          0                K         1    4/3
   *   p3   A D E      (1 - 2)/3 < 0 -> 0                       0                W1        0    0
   *   p4   A B        (2 - 0)/3 = 2/3                          0                K         1    5/3
   *   p5   -          unanswered: 0                            0                -         0    0
   * </pre>
   *
   * Partial: q1 facility (1 + 1/3 + 0 + 2/3 + 0)/5 = 0.4; deviations .6 -.0667 -.4 .2667 -.4, squares sum
   * 0.755556, var 0.188889, sd 0.434613. q2 (1,1,0,1,0): mean .6, var (3 * .16 + 2 * .36)/4 = 0.3. X: mean 1,
   * squares of deviations 1 + 1/9 + 1 + 4/9 + 1 = 32/9, var 8/9, sd 0.942809. CIC = 200 (1 - (17/90 + 3/10)/(8/9))
   * = 200 (1 - 0.55) = 90; error ratio = 100 sqrt(0.1) = 31.6228; standard error = 0.316228 * 0.942809 = 0.298142.
   *
   * <p>Options of q1 (partial X): A ticked by p1..p4, share 0.8; cov(ticked, X) = (.2*1 + .2/3 - .2 + .2*2/3 +
   * .8)/4 = 0.25, var ticked = 0.8/4 = 0.2, point-biserial 0.25/sqrt(0.2 * 8/9) = 0.592927. D ticked by p2, p3:
   * cov = (-.4 + .6/3 - .6 - .4*2/3 + .4)/4 = -1/6, var 0.3, r = -(1/6)/sqrt(0.3 * 8/9) = -0.322749. E ticked by p3
   * only: cov = (-.2 - .2/3 - .8 - .2*2/3 + .2)/4 = -0.25, var 0.2, r = -0.592927.
   */
  @Test
  void partialCredit() {
    ExamResponses exam =
        exam(
            attempt("p1", multi(true, "ABC"), single(true, "K")),
            attempt("p2", multi(false, "ABD"), single(true, "K")),
            attempt("p3", multi(false, "ADE"), single(false, "W1")),
            attempt("p4", multi(false, "AB"), single(true, "K")),
            attempt("p5", multi(false, ""), single(false, "")));

    ExamAnalysis partial = new ItemAnalyzer(Scoring.PARTIAL).analyze(exam);

    QuestionStatistics q1 = question(partial, "q1");
    assertThat(q1.facility()).isCloseTo(0.4, CLOSE);
    assertThat(q1.sd()).isCloseTo(Math.sqrt(0.755555555555 / 4), within(1e-9));
    ExamStatistics statistics = partial.exam();
    assertThat(statistics.scoring()).isEqualTo(Scoring.PARTIAL);
    assertThat(statistics.mean()).isCloseTo(1, CLOSE);
    assertThat(statistics.sd()).isCloseTo(Math.sqrt(8.0 / 9), CLOSE);
    assertThat(statistics.cic()).isCloseTo(90, CLOSE);
    assertThat(statistics.errorRatio()).isCloseTo(100 * Math.sqrt(0.1), CLOSE);
    assertThat(statistics.standardError()).isCloseTo(0.298142, within(1e-6));
    assertThat(option(partial, "q1", "A").checkedShare()).isCloseTo(0.8, CLOSE);
    assertThat(option(partial, "q1", "A").correct()).isTrue();
    assertThat(option(partial, "q1", "A").pointBiserial()).isCloseTo(0.25 / Math.sqrt(0.2 * 8 / 9), CLOSE);
    assertThat(option(partial, "q1", "D").correct()).isFalse();
    assertThat(option(partial, "q1", "D").checked()).isEqualTo(2);
    assertThat(option(partial, "q1", "D").pointBiserial()).isCloseTo(-0.322749, within(1e-6));
    assertThat(option(partial, "q1", "E").pointBiserial()).isCloseTo(-0.592927, within(1e-6));
    assertThat(partial.options()).extracting(OptionStatistics::flag).containsOnlyNulls();

    // dichotomous: q1 is right in p1 only, (1,0,0,0,0): facility 0.2
    ExamAnalysis dichotomous = new ItemAnalyzer(Scoring.DICHOTOMOUS).analyze(exam);
    assertThat(question(dichotomous, "q1").facility()).isCloseTo(0.2, CLOSE);
    assertThat(question(dichotomous, "q2").facility()).isCloseTo(0.6, CLOSE);
  }

  /**
   * A bank of three questions; each attempt gets two, in the order listed.
   *
   * <pre>
   *        position 1   position 2   X
   *   c1   q1 = 1       q2 = 1       2
   *   c2   q2 = 0       q3 = 1       1
   *   c3   q1 = 0       q3 = 0       0
   * </pre>
   *
   * The CIC's items are the 2 positions: (1,0,0) and (1,1,0), variance 1/3 each; var X = 1; CIC = 200 (1 - 2/3) =
   * 66.667. Each question over the attempts that got it: q1 in c1, c3: x (1,0), X (2,0), rest (1,0): sd sqrt(1/2),
   * DI 100, DE 100, cov(x, X) = (.5 * 1 + .5 * 1)/1 = 1. q2 in c1, c2: rest (1,1) has no variance: DI and DE null;
   * cov(x, X) = (.5 * .5 + .5 * .5)/1 = 0.5. q3 in c2, c3: rest (0,0): null; cov(x, X) = 0.5. Effective weights:
   * 1 + 2 sqrt(0.5) = 2.414214; q1 41.421356, q2 and q3 29.289322.
   */
  @Test
  void questionBankIsAnalysedPerQuestionAndByPosition() {
    ExamResponses exam =
        exam(
            attempt("c1", right("q1"), right("q2")),
            attempt("c2", wrong("q2"), right("q3")),
            attempt("c3", wrong("q1"), wrong("q3")));

    ExamAnalysis analysis = new ItemAnalyzer(Scoring.DICHOTOMOUS).analyze(exam);

    assertThat(analysis.exam().form()).isEqualTo(Form.BANK);
    assertThat(analysis.exam().items()).isEqualTo(2);
    assertThat(analysis.exam().questions()).isEqualTo(3);
    assertThat(analysis.exam().cic()).isCloseTo(200.0 / 3, CLOSE);
    QuestionStatistics q1 = question(analysis, "q1");
    assertThat(q1.attempts()).isEqualTo(2);
    assertThat(q1.sd()).isCloseTo(Math.sqrt(0.5), CLOSE);
    assertThat(q1.discriminationIndex()).isCloseTo(100, CLOSE);
    assertThat(q1.discriminativeEfficiency()).isCloseTo(100, CLOSE);
    assertThat(q1.effectiveWeight()).isCloseTo(100 / (1 + 2 * Math.sqrt(0.5)), CLOSE);
    for (String id : List.of("q2", "q3")) {
      QuestionStatistics question = question(analysis, id);
      assertThat(question.attempts()).isEqualTo(2);
      assertThat(question.discriminationIndex()).isNull();
      assertThat(question.discriminativeEfficiency()).isNull();
      assertThat(question.effectiveWeight()).isCloseTo(100 * Math.sqrt(0.5) / (1 + 2 * Math.sqrt(0.5)), CLOSE);
    }
  }

  /**
   * A distractor the strongest student ticks. X = (2, 1, 0): s1 ticks W on Q (wrong) but gets R and S right; s2
   * ticks K (right) and gets R, S wrong; s3 answers nothing. W ticked (1,0,0): cov with X =
   * ((2/3)(1) + (-1/3)(0) + (-1/3)(-1))/2 = 1/2, var ticked 1/3, var X 1, point-biserial (1/2)/sqrt(1/3) =
   * sqrt(3)/2 > 0: flagged. K ticked (0,1,0): cov = ((-1/3)(1) + (2/3)(0) +
   * (-1/3)(-1))/2 = 0: point-biserial 0, not flagged.
   */
  @Test
  void flagsDistractorsThatStrongStudentsPick() {
    ExamResponses exam =
        exam(
            attempt("s1", single(false, "W", "KW"), right("R"), right("S")),
            attempt("s2", single(true, "K", "KW"), wrong("R"), wrong("S")),
            attempt("s3", single(false, "", "KW"), wrong("R"), wrong("S")));

    ExamAnalysis analysis = new ItemAnalyzer(Scoring.DICHOTOMOUS).analyze(exam);

    assertThat(option(analysis, "Q", "W").pointBiserial()).isCloseTo(Math.sqrt(3) / 2, CLOSE);
    assertThat(option(analysis, "Q", "W").flag()).isEqualTo(Flag.STRONG_STUDENTS_PICK_DISTRACTOR);
    assertThat(option(analysis, "Q", "K").pointBiserial()).isCloseTo(0, CLOSE);
    assertThat(option(analysis, "Q", "K").flag()).isNull();
  }

  @Test
  void oneAttemptLeavesEverySpreadNull() {
    ExamAnalysis analysis =
        new ItemAnalyzer(Scoring.DICHOTOMOUS).analyze(exam(attempt("only", right("q1"), wrong("q2"))));

    assertThat(analysis.exam().mean()).isCloseTo(1, CLOSE);
    assertThat(analysis.exam().median()).isCloseTo(1, CLOSE);
    assertThat(analysis.exam())
        .extracting(
            ExamStatistics::sd,
            ExamStatistics::skewness,
            ExamStatistics::kurtosis,
            ExamStatistics::cic,
            ExamStatistics::errorRatio,
            ExamStatistics::standardError)
        .containsOnlyNulls();
    assertThat(analysis.questions())
        .allSatisfy(question -> {
          assertThat(question.sd()).isNull();
          assertThat(question.discriminationIndex()).isNull();
          assertThat(question.discriminativeEfficiency()).isNull();
          assertThat(question.effectiveWeight()).isNull();
        });
  }

  @Test
  void partialCreditFallsBackToTheVerdictWithoutCorrectOptions() {
    QuestionResponse keyless =
        new QuestionResponse("q", true, List.of(new OptionResponse("o", true, false /* no correct key */)));

    assertThat(Scoring.PARTIAL.mark(keyless)).isEqualTo(1);
    assertThat(Scoring.DICHOTOMOUS.mark(new QuestionResponse("q", null, List.of()))).isZero();
  }

  @Test
  void rejectsAttemptsWithoutQuestions() {
    assertThatThrownBy(() -> new ExamResponses("Exam", List.of(new AttemptResponses("a", List.of())), 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot analyse exam Exam: attempt a has no questions");
  }

  private static ExamResponses exam(AttemptResponses... attempts) {
    return new ExamResponses("Exam", List.of(attempts), 0, 0);
  }

  private static AttemptResponses attempt(String id, QuestionResponse... questions) {
    return new AttemptResponses(id, List.of(questions));
  }

  private static QuestionResponse right(String id) {
    return new QuestionResponse(id, true, List.of());
  }

  private static QuestionResponse wrong(String id) {
    return new QuestionResponse(id, false, List.of());
  }

  /** q1: options A, B, C right and D, E wrong; {@code ticked} lists the letters ticked. */
  private static QuestionResponse multi(boolean userCorrect, String ticked) {
    List<OptionResponse> options = new ArrayList<>();
    for (String letter : List.of("A", "B", "C", "D", "E")) {
      options.add(new OptionResponse(letter, ticked.contains(letter), "ABC".contains(letter)));
    }
    return new QuestionResponse("q1", userCorrect, options);
  }

  /** q2: option K right, W1 and W2 wrong; {@code ticked} names the one ticked, or "" for none. */
  private static QuestionResponse single(boolean userCorrect, String ticked) {
    List<OptionResponse> options = new ArrayList<>();
    for (String id : List.of("K", "W1", "W2")) {
      options.add(new OptionResponse(id, id.equals(ticked), id.equals("K")));
    }
    return new QuestionResponse("q2", userCorrect, options);
  }

  /** Q: options K (right) and W (wrong). */
  private static QuestionResponse single(boolean userCorrect, String ticked, String optionsKw) {
    List<OptionResponse> options = new ArrayList<>();
    for (char id : optionsKw.toCharArray()) {
      String option = String.valueOf(id);
      options.add(new OptionResponse(option, option.equals(ticked), option.equals("K")));
    }
    return new QuestionResponse("Q", userCorrect, options);
  }

  private static QuestionStatistics question(ExamAnalysis analysis, String id) {
    return analysis.questions().stream().filter(question -> id.equals(question.questionId())).findFirst().orElseThrow();
  }

  private static OptionStatistics option(ExamAnalysis analysis, String questionId, String optionId) {
    return analysis.options().stream()
        .filter(option -> questionId.equals(option.questionId()) && optionId.equals(option.optionId()))
        .findFirst()
        .orElseThrow();
  }
}

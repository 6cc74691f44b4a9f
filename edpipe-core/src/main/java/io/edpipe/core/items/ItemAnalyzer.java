package io.edpipe.core.items;

import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsFirst;
import static java.util.Objects.requireNonNull;

import io.edpipe.core.items.ExamStatistics.Form;
import io.edpipe.core.items.OptionStatistics.Flag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Classical test theory item analysis of one exam, following Moodle's quiz statistics. A pure function of the
 * responses: no I/O.
 *
 * <p>Every attempt's total X is the sum of its question marks. A question's statistics run over the attempts that
 * got it, so exams whose attempts draw different questions from a bank are analysed per question. If an attempt
 * lists a question twice, both marks count in X and the first is the question's x.
 */
public final class ItemAnalyzer {
  private final Scoring scoring;

  public ItemAnalyzer(Scoring scoring) {
    this.scoring = requireNonNull(scoring, "scoring is null");
  }

  public ExamAnalysis analyze(ExamResponses exam) {
    requireNonNull(exam, "exam is null");
    List<AttemptResponses> attempts = exam.attempts();
    double[] totals = new double[attempts.size()];
    Map<String, QuestionSample> samples = new TreeMap<>(nullsFirst(naturalOrder()));
    for (int a = 0; a < attempts.size(); a++) {
      for (QuestionResponse question : attempts.get(a).questions()) {
        totals[a] += scoring.mark(question);
      }
    }
    for (int a = 0; a < attempts.size(); a++) {
      Set<String> seen = new HashSet<>();
      for (QuestionResponse question : attempts.get(a).questions()) {
        if (seen.add(question.questionId())) {
          samples
              .computeIfAbsent(question.questionId(), QuestionSample::new)
              .add(question, scoring.mark(question), totals[a]);
        }
      }
    }
    List<QuestionStatistics> questions = questionStatistics(exam.examName(), samples);
    List<OptionStatistics> options = new ArrayList<>();
    for (QuestionSample sample : samples.values()) {
      options.addAll(sample.optionStatistics(exam.examName()));
    }
    return new ExamAnalysis(examStatistics(exam, totals, samples), questions, options);
  }

  private List<QuestionStatistics> questionStatistics(String examName, Map<String, QuestionSample> samples) {
    double sumOfRootCovariances = 0;
    for (QuestionSample sample : samples.values()) {
      Double covariance = sample.covarianceWithTotal();
      if (covariance != null && covariance >= 0) {
        sumOfRootCovariances += Math.sqrt(covariance);
      }
    }
    List<QuestionStatistics> statistics = new ArrayList<>();
    for (QuestionSample sample : samples.values()) {
      double[] marks = sample.marks();
      double[] rest = sample.restScores();
      Double covariance = sample.covarianceWithTotal();
      Double effectiveWeight =
          covariance == null || covariance < 0 || sumOfRootCovariances == 0
              ? null
              : 100 * Math.sqrt(covariance) / sumOfRootCovariances;
      statistics.add(
          new QuestionStatistics(
              examName,
              sample.questionId,
              scoring,
              marks.length,
              Moments.mean(marks),
              Moments.standardDeviation(marks),
              percent(Moments.correlation(marks, rest)),
              discriminativeEfficiency(marks, rest),
              effectiveWeight));
    }
    return statistics;
  }

  private static Double percent(Double value) {
    return value == null ? null : 100 * value;
  }

  /** 100 * cov(x, X - x) / cov(sorted x, sorted X - x): the discrimination as a share of the most possible. */
  private static Double discriminativeEfficiency(double[] marks, double[] rest) {
    Double covariance = Moments.covariance(marks, rest);
    Double maximum = Moments.covariance(Moments.sorted(marks), Moments.sorted(rest));
    if (covariance == null || maximum == 0) {
      return null;
    }
    return 100 * covariance / maximum;
  }

  private ExamStatistics examStatistics(ExamResponses exam, double[] totals, Map<String, QuestionSample> samples) {
    List<AttemptResponses> attempts = exam.attempts();
    Form form = isFixedForm(attempts) ? Form.FIXED : Form.BANK;
    double sumOfItemVariances = 0;
    int items;
    if (form == Form.FIXED) {
      items = samples.size();
      for (QuestionSample sample : samples.values()) {
        Double variance = Moments.variance(sample.marks());
        sumOfItemVariances += variance == null ? 0 : variance;
      }
    } else {
      items = attempts.stream().mapToInt(attempt -> attempt.questions().size()).max().orElse(0);
      for (int position = 0; position < items; position++) {
        double[] slot = new double[attempts.size()];
        for (int a = 0; a < attempts.size(); a++) {
          List<QuestionResponse> questions = attempts.get(a).questions();
          slot[a] = position < questions.size() ? scoring.mark(questions.get(position)) : 0;
        }
        Double variance = Moments.variance(slot);
        sumOfItemVariances += variance == null ? 0 : variance;
      }
    }
    Double totalVariance = totals.length == 0 ? null : Moments.variance(totals);
    Double cic = null;
    Double errorRatio = null;
    Double standardError = null;
    if (items > 1 && totalVariance != null && totalVariance > 0) {
      cic = 100.0 * items / (items - 1) * (1 - sumOfItemVariances / totalVariance);
      errorRatio = 100 * Math.sqrt(1 - cic / 100);
      standardError = errorRatio * Math.sqrt(totalVariance) / 100;
    }
    Moments.Shape shape = Moments.shape(totals);
    return new ExamStatistics(
        exam.examName(),
        scoring,
        attempts.size(),
        exam.withoutQuestions(),
        exam.repeats(),
        samples.size(),
        form,
        items,
        totals.length == 0 ? null : Moments.mean(totals),
        Moments.median(totals),
        Moments.standardDeviation(totals),
        shape.skewness(),
        shape.kurtosis(),
        cic,
        errorRatio,
        standardError);
  }

  /** Whether every attempt got the same questions, each once. */
  private static boolean isFixedForm(List<AttemptResponses> attempts) {
    Set<String> first = null;
    for (AttemptResponses attempt : attempts) {
      Set<String> ids = new HashSet<>();
      for (QuestionResponse question : attempt.questions()) {
        if (!ids.add(question.questionId())) {
          return false;
        }
      }
      if (first == null) {
        first = ids;
      } else if (!first.equals(ids)) {
        return false;
      }
    }
    return true;
  }

  /** The marks and totals of the attempts that got one question, and how they answered its options. */
  private final class QuestionSample {
    private final String questionId;
    private final List<double[]> markAndTotal = new ArrayList<>();
    private final Map<String, OptionSample> options = new LinkedHashMap<>();

    QuestionSample(String questionId) {
      this.questionId = questionId;
    }

    void add(QuestionResponse question, double mark, double total) {
      int attempt = markAndTotal.size();
      markAndTotal.add(new double[] {mark, total});
      Map<String, Boolean> checked = new HashMap<>();
      for (OptionResponse option : question.options()) {
        OptionSample sample = options.computeIfAbsent(option.optionId(), OptionSample::new);
        sample.correct |= option.correct();
        checked.merge(option.optionId(), option.checked(), Boolean::logicalOr);
      }
      checked.forEach((id, isChecked) -> {
        if (isChecked) {
          options.get(id).checkedAttempts.add(attempt);
        }
      });
    }

    double[] marks() {
      return markAndTotal.stream().mapToDouble(pair -> pair[0]).toArray();
    }

    double[] totals() {
      return markAndTotal.stream().mapToDouble(pair -> pair[1]).toArray();
    }

    double[] restScores() {
      return markAndTotal.stream().mapToDouble(pair -> pair[1] - pair[0]).toArray();
    }

    Double covarianceWithTotal() {
      return Moments.covariance(marks(), totals());
    }

    List<OptionStatistics> optionStatistics(String examName) {
      double[] totals = totals();
      List<OptionStatistics> statistics = new ArrayList<>();
      options.values().stream()
          .sorted((left, right) -> Objects.compare(left.optionId, right.optionId, nullsFirst(naturalOrder())))
          .forEach(option -> {
            double[] checked = new double[totals.length];
            option.checkedAttempts.forEach(attempt -> checked[attempt] = 1);
            Double pointBiserial = Moments.correlation(checked, totals);
            statistics.add(
                new OptionStatistics(
                    examName,
                    questionId,
                    option.optionId,
                    scoring,
                    option.correct,
                    totals.length,
                    option.checkedAttempts.size(),
                    option.checkedAttempts.size() / (double) totals.length,
                    pointBiserial,
                    flag(option.correct, pointBiserial)));
          });
      return statistics;
    }
  }

  private static Flag flag(boolean correct, Double pointBiserial) {
    if (pointBiserial == null) {
      return null;
    }
    if (!correct && pointBiserial > 0) {
      return Flag.STRONG_STUDENTS_PICK_DISTRACTOR;
    }
    return correct && pointBiserial < 0 ? Flag.WEAK_STUDENTS_PICK_KEY : null;
  }

  private static final class OptionSample {
    private final String optionId;
    private final List<Integer> checkedAttempts = new ArrayList<>();
    private boolean correct;

    OptionSample(String optionId) {
      this.optionId = optionId;
    }
  }
}

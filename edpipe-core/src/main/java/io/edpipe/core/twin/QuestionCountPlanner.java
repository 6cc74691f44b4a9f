package io.edpipe.core.twin;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decides each attempt's number of questions so that every exam's sum of totals matches the catalog and the
 * records per question count match the published histogram.
 *
 * <p>Exams give their attempts the exam's mean (floor or ceiling when it is not whole). What is left of the
 * histogram is then settled with one exchange inside one exam: records of the single surplus count are replaced by
 * the missing counts, whose sum is the same (in the published file: 8 records of 2 questions and 2 of 7 replace
 * 10 records of 3, in the largest 3-question exam).
 */
final class QuestionCountPlanner {
  private final SortedMap<Integer, Integer> published;

  QuestionCountPlanner(SortedMap<Integer, Integer> published) {
    this.published = requireNonNull(published, "published is null");
  }

  void assign(ExamCatalog catalog, List<List<AttemptDraft>> draftsByExam) {
    for (int i = 0; i < draftsByExam.size(); i++) {
      ExamCatalog.Exam exam = catalog.exams().get(i);
      if (exam.scores().isPresent()) {
        spreadMean(exam, draftsByExam.get(i));
      }
    }
    SortedMap<Integer, Integer> surplus = new TreeMap<>();
    List<Integer> missing = new ArrayList<>();
    SortedMap<Integer, Integer> planned = histogram(catalog, draftsByExam);
    for (Integer count : union(planned, published)) {
      int difference = planned.getOrDefault(count, 0) - published.getOrDefault(count, 0);
      if (difference > 0) {
        surplus.put(count, difference);
      }
      for (int k = 0; k < -difference; k++) {
        missing.add(count);
      }
    }
    if (surplus.isEmpty() && missing.isEmpty()) {
      return;
    }
    if (surplus.size() != 1) {
      throw cannot(planned, "more than one question count is in surplus " + surplus);
    }
    int count = surplus.firstKey();
    int records = surplus.get(count);
    if (missing.size() != records || missing.stream().mapToInt(Integer::intValue).sum() != count * records) {
      throw cannot(planned, "the missing counts " + missing + " do not replace " + records + " records of " + count);
    }
    List<AttemptDraft> exchanged = exchangeCandidates(catalog, draftsByExam, count, records);
    for (int k = 0; k < records; k++) {
      exchanged.get(k).questionCount = missing.get(k);
    }
  }

  /** Sets every attempt to the exam's mean, giving one more question to some single-copy attempts if needed. */
  private static void spreadMean(ExamCatalog.Exam exam, List<AttemptDraft> drafts) {
    int total = exam.scores().orElseThrow().total();
    int mean = total / exam.records();
    int remainder = total - mean * exam.records();
    for (AttemptDraft draft : drafts) {
      draft.questionCount = mean;
      if (remainder >= draft.copies) {
        draft.questionCount++;
        remainder -= draft.copies;
      }
    }
    if (remainder != 0) {
      throw new PipelineException(
          ErrorCode.INTERNAL, "Cannot plan question counts of exam %s: sum_total %s not reached", exam.name(), total);
    }
  }

  /** The single-copy attempts of the largest exam whose attempts all have {@code count} questions. */
  private List<AttemptDraft> exchangeCandidates(
      ExamCatalog catalog, List<List<AttemptDraft>> draftsByExam, int count, int records) {
    List<AttemptDraft> best = List.of();
    for (List<AttemptDraft> drafts : draftsByExam) {
      boolean uniform = !drafts.isEmpty() && drafts.stream().allMatch(draft -> draft.questionCount == count);
      List<AttemptDraft> singles = drafts.stream().filter(draft -> draft.copies == 1).toList();
      if (uniform && singles.size() >= records && singles.size() > best.size()) {
        best = singles;
      }
    }
    if (best.isEmpty()) {
      throw cannot(histogram(catalog, draftsByExam), "no exam has " + records + " single attempts of " + count);
    }
    return best;
  }

  static SortedMap<Integer, Integer> histogram(ExamCatalog catalog, List<List<AttemptDraft>> draftsByExam) {
    SortedMap<Integer, Integer> histogram = new TreeMap<>();
    for (int i = 0; i < draftsByExam.size(); i++) {
      if (catalog.exams().get(i).scores().isEmpty()) {
        continue;
      }
      for (AttemptDraft draft : draftsByExam.get(i)) {
        histogram.merge(draft.questionCount, draft.copies, Integer::sum);
      }
    }
    return histogram;
  }

  private static List<Integer> union(Map<Integer, Integer> left, Map<Integer, Integer> right) {
    TreeMap<Integer, Integer> keys = new TreeMap<>(left);
    keys.putAll(right);
    return List.copyOf(keys.keySet());
  }

  private PipelineException cannot(SortedMap<Integer, Integer> planned, String reason) {
    return new PipelineException(
        ErrorCode.INTERNAL,
        "Cannot plan question counts: %s (planned %s, published %s)",
        reason,
        planned,
        published);
  }
}

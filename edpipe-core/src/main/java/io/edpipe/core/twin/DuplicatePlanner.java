package io.edpipe.core.twin;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Decides which attempts occur more than once. Each exam's extra rows (records - distinct user_exam_ids) are made
 * of attempts seen three times (2 extra rows) and twice (1 extra row), as many of each as published.
 */
final class DuplicatePlanner {
  private final int seenThreeTimes;
  private final int seenTwice;

  DuplicatePlanner(int seenThreeTimes, int seenTwice) {
    if (seenThreeTimes < 0 || seenTwice < 0) {
      throw new IllegalArgumentException("attempt counts must be >= 0: " + seenThreeTimes + ", " + seenTwice);
    }
    this.seenThreeTimes = seenThreeTimes;
    this.seenTwice = seenTwice;
  }

  void assign(ExamCatalog catalog, List<List<AttemptDraft>> draftsByExam, SplittableRandom random) {
    List<ExamCatalog.Exam> exams = catalog.exams();
    int[] triples = new int[exams.size()];
    int[] pairs = new int[exams.size()];
    for (int i = 0; i < exams.size(); i++) {
      triples[i] = exams.get(i).duplicateRows() / 2;
      pairs[i] = exams.get(i).duplicateRows() % 2;
    }
    // Trade one triple for two pairs (same extra rows) until the published split is reached.
    while (sum(pairs) < seenTwice && sum(triples) > seenThreeTimes) {
      List<Integer> candidates = new ArrayList<>();
      for (int i = 0; i < exams.size(); i++) {
        if (triples[i] > 0) {
          candidates.add(i);
        }
      }
      int exam = candidates.get(random.nextInt(candidates.size()));
      triples[exam]--;
      pairs[exam] += 2;
    }
    if (sum(triples) != seenThreeTimes || sum(pairs) != seenTwice) {
      throw new PipelineException(
          ErrorCode.INTERNAL,
          "Cannot plan duplicates: the catalog's duplicate rows make %s triples and %s pairs, published %s and %s",
          sum(triples),
          sum(pairs),
          seenThreeTimes,
          seenTwice);
    }
    for (int i = 0; i < exams.size(); i++) {
      List<AttemptDraft> drafts = draftsByExam.get(i);
      int next = 0;
      // the drafts of an exam are interchangeable at this point: the first ones get the copies
      for (int t = 0; t < triples[i]; t++) {
        drafts.get(next++).copies = 3;
      }
      for (int p = 0; p < pairs[i]; p++) {
        drafts.get(next++).copies = 2;
      }
    }
  }

  private static int sum(int[] values) {
    int sum = 0;
    for (int value : values) {
      sum += value;
    }
    return sum;
  }
}

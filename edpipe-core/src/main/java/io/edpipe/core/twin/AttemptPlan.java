package io.edpipe.core.twin;

import static java.util.Objects.requireNonNull;

/**
 * Everything decided about one distinct attempt before it is simulated; the record's bytes are a pure function
 * of this plan (and the exam's question bank), so its duplicates are regenerated rather than stored.
 *
 * @param examIndex index into {@link ExamCatalog#exams()}
 * @param questionCount questions in the attempt ({@code sequences.counts.total})
 * @param correctCount questions answered correctly ({@code sequences.counts.correct})
 * @param copies how many times the record occurs in the file (1, or 2 and 3 for the duplicated user_exam_ids)
 * @param hasCounts false for the test exam's records, which have no {@code sequences.counts}
 * @param hasCertification false for the records without a certification key
 * @param seed seeds everything else: ids, options chosen, times after {@code startedAtMillis}
 */
record AttemptPlan(
    int examIndex,
    String baseExamId,
    int questionCount,
    int correctCount,
    int copies,
    boolean hasCounts,
    boolean hasCertification,
    long startedAtMillis,
    long seed) {
  AttemptPlan {
    requireNonNull(baseExamId, "baseExamId is null");
    if (questionCount < 1 || correctCount < 0 || correctCount > questionCount) {
      throw new IllegalArgumentException(
          "correctCount must be in [0, questionCount >= 1]: " + correctCount + " of " + questionCount);
    }
    if (copies < 1) {
      throw new IllegalArgumentException("copies must be >= 1: " + copies);
    }
  }

  /** The same kind of attempt with a new identity: fresh ids from {@code newSeed}, another start time. */
  AttemptPlan withIdentity(long newSeed, long newStartedAtMillis, int newCopies) {
    return new AttemptPlan(
        examIndex,
        baseExamId,
        questionCount,
        correctCount,
        newCopies,
        hasCounts,
        hasCertification,
        newStartedAtMillis,
        newSeed);
  }

  boolean isAllCorrect() {
    return correctCount == questionCount;
  }
}

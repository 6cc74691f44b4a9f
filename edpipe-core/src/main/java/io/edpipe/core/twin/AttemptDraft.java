package io.edpipe.core.twin;

/** A distinct attempt while {@link TwinPlanner} decides it, step by step; frozen into an {@link AttemptPlan}. */
final class AttemptDraft {
  final int examIndex;
  int copies = 1;
  String baseExamId;
  int questionCount;
  int correctCount;
  boolean hasCertification = true;
  long startedAtMillis;
  long seed;

  AttemptDraft(int examIndex) {
    this.examIndex = examIndex;
  }

  boolean isAllCorrect() {
    return correctCount == questionCount;
  }

  AttemptPlan toPlan(boolean hasCounts) {
    return new AttemptPlan(
        examIndex,
        baseExamId,
        questionCount,
        correctCount,
        copies,
        hasCounts,
        hasCertification,
        startedAtMillis,
        seed);
  }
}

package io.edpipe.core.twin;

import java.util.List;

/** The attempts of one exam with one question count, and the correct answers they must add up to. */
final class ScoreGroup {
  final int examIndex;
  final int questionCount;
  final List<AttemptDraft> drafts;
  /** Records, copies included. */
  final int records;
  /** Sum of correct over the records, copies included; decided by {@link GroupSumPlanner}. */
  int correct;

  ScoreGroup(int examIndex, int questionCount, List<AttemptDraft> drafts) {
    this.examIndex = examIndex;
    this.questionCount = questionCount;
    this.drafts = List.copyOf(drafts);
    this.records = drafts.stream().mapToInt(draft -> draft.copies).sum();
  }

  /** The most correct answers the group can have. */
  int capacity() {
    return records * questionCount;
  }
}

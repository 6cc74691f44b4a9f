package io.edpipe.core.items;

import java.util.List;

/**
 * What item analysis reads for one exam: its attempts that have questions, one per user_exam_id, and how many
 * were left out.
 *
 * @param examName the exam (may be null: messages without one are analysed together)
 * @param attempts the attempts analysed, each with at least one question
 * @param withoutQuestions attempts of the exam left out because they have no questions
 * @param repeats further attempts with a user_exam_id already analysed, left out
 */
public record ExamResponses(String examName, List<AttemptResponses> attempts, long withoutQuestions, long repeats) {
  public ExamResponses {
    attempts = List.copyOf(attempts);
    for (AttemptResponses attempt : attempts) {
      if (attempt.questions().isEmpty()) {
        throw new IllegalArgumentException(
            "Cannot analyse exam " + examName + ": attempt " + attempt.attemptId() + " has no questions");
      }
    }
    if (withoutQuestions < 0 || repeats < 0) {
      throw new IllegalArgumentException("Cannot analyse exam " + examName + ": negative counts of left-out attempts");
    }
  }
}

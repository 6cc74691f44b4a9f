package io.edpipe.core.items;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The questions of one attempt, in the order the attempt listed them.
 *
 * @param attemptId the user_exam_id (or keen_id) that names the attempt in messages
 */
public record AttemptResponses(String attemptId, List<QuestionResponse> questions) {
  public AttemptResponses {
    requireNonNull(attemptId, "attemptId is null");
    questions = List.copyOf(questions);
  }
}

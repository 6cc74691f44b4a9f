package io.edpipe.core.twin;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One record of the twin, as {@link RecordWriter} writes it; all texts are already in the file's forms. */
record SimulatedAttempt(
    String keenTimestamp,
    String startedAt,
    String baseExamId,
    String userExamId,
    List<Question> questions,
    String sequenceId,
    boolean hasCounts,
    boolean hasCertification,
    String keenId,
    String examName) {
  SimulatedAttempt {
    requireNonNull(keenTimestamp, "keenTimestamp is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(baseExamId, "baseExamId is null");
    requireNonNull(userExamId, "userExamId is null");
    questions = List.copyOf(questions);
    requireNonNull(sequenceId, "sequenceId is null");
    requireNonNull(keenId, "keenId is null");
    requireNonNull(examName, "examName is null");
  }

  /** {@code sequences.counts}, derived from the questions. */
  Counts counts() {
    int[] results = new int[Result.values().length];
    for (Question question : questions) {
      results[question.result().ordinal()]++;
    }
    int unanswered = results[Result.UNANSWERED.ordinal()];
    int correct = results[Result.CORRECT.ordinal()];
    return new Counts(
        results[Result.MISSED_SOME.ordinal()],
        questions.size() - unanswered,
        results[Result.INCORRECT.ordinal()],
        correct == questions.size(),
        correct,
        questions.size(),
        unanswered);
  }

  record Counts(
      int incomplete, int submitted, int incorrect, boolean allCorrect, int correct, int total, int unanswered) {}

  record Question(String id, Result result, List<Option> options) {
    Question {
      requireNonNull(id, "id is null");
      requireNonNull(result, "result is null");
      options = List.copyOf(options);
    }
  }

  /** An option; {@code at} (the ISO time the user touched it) is null for the shapes without one. */
  record Option(String id, OptionShape shape, String at) {
    Option {
      requireNonNull(id, "id is null");
      requireNonNull(shape, "shape is null");
      if ((at == null) == shape.hasAt()) {
        throw new IllegalArgumentException("shape " + shape + " and at " + at + " disagree");
      }
    }
  }

  /** {@code user_result} and the flags that go with it. */
  enum Result {
    CORRECT("correct", false, true, true),
    INCORRECT("incorrect", false, false, true),
    MISSED_SOME("missed_some", true, false, true),
    UNANSWERED("unanswered", false, false, false);

    private final String value;
    private final boolean incomplete;
    private final boolean correct;
    private final boolean submitted;

    Result(String value, boolean incomplete, boolean correct, boolean submitted) {
      this.value = value;
      this.incomplete = incomplete;
      this.correct = correct;
      this.submitted = submitted;
    }

    String value() {
      return value;
    }

    boolean isIncomplete() {
      return incomplete;
    }

    boolean isCorrect() {
      return correct;
    }

    boolean isSubmitted() {
      return submitted;
    }
  }

  /** The five option shapes of the real records; each has its own key order there. */
  enum OptionShape {
    /** {@code {checked:false,id}}: a wrong answer left alone. */
    UNCHECKED(false),
    /** {@code {checked:true,at,id,submitted:1,correct:true}}: a right answer chosen. */
    CHECKED_CORRECT(true),
    /** {@code {checked:false,correct:true,id}}: a right answer not chosen. */
    UNCHECKED_CORRECT(false),
    /** {@code {checked:false,at,id}}: a wrong answer ticked, then unticked. */
    UNTICKED(true),
    /** {@code {checked:true,at,id,submitted:1}}: a wrong answer chosen. */
    CHECKED_WRONG(true);

    private final boolean hasAt;

    OptionShape(boolean hasAt) {
      this.hasAt = hasAt;
    }

    boolean hasAt() {
      return hasAt;
    }
  }
}

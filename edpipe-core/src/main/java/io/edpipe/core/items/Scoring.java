package io.edpipe.core.items;

import java.util.Locale;

/** How a question's mark x, in [0, 1], comes from an attempt's answer. An unanswered question scores 0. */
public enum Scoring {
  /** 1 when the message says user_correct, else 0. */
  DICHOTOMOUS,
  /**
   * max(0, (checked correct options - checked incorrect options) / correct options). A question that lists no
   * correct option cannot be scored this way and falls back to its user_correct verdict.
   */
  PARTIAL;

  public double mark(QuestionResponse question) {
    return switch (this) {
      case DICHOTOMOUS -> verdict(question);
      case PARTIAL -> {
        int correct = question.correctOptions();
        if (correct == 0) {
          yield verdict(question);
        }
        double mark = (question.checkedCorrectOptions() - question.checkedIncorrectOptions()) / (double) correct;
        yield Math.max(0, mark);
      }
    };
  }

  /** The name used on the command line and in the tables' {@code scoring} column. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static double verdict(QuestionResponse question) {
    return Boolean.TRUE.equals(question.userCorrect()) ? 1 : 0;
  }
}

package io.edpipe.core.items;

import static java.util.Objects.requireNonNull;

/**
 * Distractor analysis of one option over the attempts that got its question.
 *
 * @param attempts attempts that got the question
 * @param checked attempts that ticked the option
 * @param checkedShare checked / attempts
 * @param pointBiserial corr(checked as 0/1, X) as a coefficient in [-1, 1]; null when nobody or everybody ticked
 *     it, or X does not vary
 * @param correct whether it is a right answer (in any attempt)
 * @param flag why the option deserves a look, or null
 */
public record OptionStatistics(
    String examName,
    String questionId,
    String optionId,
    Scoring scoring,
    boolean correct,
    long attempts,
    long checked,
    double checkedShare,
    Double pointBiserial,
    Flag flag) {
  public OptionStatistics {
    requireNonNull(scoring, "scoring is null");
  }

  /** What the point-biserial says is wrong with an option. */
  public enum Flag {
    /** A wrong option ticked more by students with higher totals (point-biserial above 0). */
    STRONG_STUDENTS_PICK_DISTRACTOR("strong students pick this distractor"),
    /** A right option ticked more by students with lower totals (point-biserial below 0): is the key right? */
    WEAK_STUDENTS_PICK_KEY("weak students pick this key");

    private final String description;

    Flag(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }
}

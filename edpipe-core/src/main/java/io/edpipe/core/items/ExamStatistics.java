package io.edpipe.core.items;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * Statistics of an exam's total scores X (in marks: one per question), as Moodle's quiz statistics define them.
 *
 * @param attempts attempts analysed (one per user_exam_id, each with questions)
 * @param withoutQuestions attempts left out for having no questions
 * @param repeats attempts left out for repeating a user_exam_id already analysed
 * @param questions distinct questions seen in the attempts analysed
 * @param form {@code fixed} when every attempt got the same questions, else {@code bank}
 * @param items k in the CIC formula: the questions of a fixed form, or the positions (slots) of a bank
 * @param cic Cronbach's alpha in percent; can be negative; null when undefined
 */
public record ExamStatistics(
    String examName,
    Scoring scoring,
    long attempts,
    long withoutQuestions,
    long repeats,
    int questions,
    Form form,
    int items,
    Double mean,
    Double median,
    Double sd,
    Double skewness,
    Double kurtosis,
    Double cic,
    Double errorRatio,
    Double standardError) {
  public ExamStatistics {
    requireNonNull(scoring, "scoring is null");
    requireNonNull(form, "form is null");
  }

  /** Whether every attempt of the exam got the same set of questions. */
  public enum Form {
    /** Every attempt got the same questions (in any order): the items of the CIC are the questions. */
    FIXED,
    /**
     * Attempts got different questions (drawn from a bank): the items of the CIC are the positions 1..k, as Moodle
     * treats random-question slots; an attempt with fewer than k questions scores 0 in the positions it lacks.
     */
    BANK;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}

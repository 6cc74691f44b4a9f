package io.edpipe.core.parse;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One assessment attempt as landed. Timestamps are epoch microseconds (UTC); every field but {@code keenId} and
 * {@code questions} may be null when the message lacks it. {@code counts} is null when the message has no
 * {@code sequences.counts} (the dataset's test records). {@code extraFields} holds the fields the contract does not
 * know, as a JSON object keyed by their path ({@code {"sequences.questions[0].hint":"..."}}), or null.
 */
public record Attempt(
    String keenId,
    String userExamId,
    String baseExamId,
    String examName,
    Long startedAtMicros,
    Long keenTimestampMicros,
    Long keenCreatedAtMicros,
    Double maxAttempts,
    Boolean certification,
    String sequenceId,
    Integer attempt,
    Counts counts,
    List<Question> questions,
    String extraFields) {
  public Attempt {
    requireNonNull(keenId, "keenId is null");
    questions = List.copyOf(requireNonNull(questions, "questions is null"));
  }

  /**
   * Whether {@code counts.total} and {@code counts.correct} agree with the questions (their number, and the
   * number with {@code user_correct}); null without counts. The attempt lands as sent either way.
   */
  public Boolean countsAgree() {
    if (counts == null) {
      return null;
    }
    long correctQuestions = questions.stream().filter(q -> Boolean.TRUE.equals(q.userCorrect())).count();
    return countsAgree(counts.total(), counts.correct(), questions.size(), correctQuestions);
  }

  /** {@link #countsAgree()} of counts that are there, from the number of questions and of those correct. */
  public static boolean countsAgree(Integer total, Integer correct, int questionCount, long correctQuestions) {
    boolean totalAgrees = total == null || total == questionCount;
    boolean correctAgrees = correct == null || correct == correctQuestions;
    return totalAgrees && correctAgrees;
  }

  /** correct / total from the counts; null when the counts are absent or total is 0. */
  public Double score() {
    return counts == null ? null : score(counts.correct(), counts.total());
  }

  /** {@link #score()} of counts that are there. */
  public static Double score(Integer correct, Integer total) {
    if (correct == null || total == null || total == 0) {
      return null;
    }
    return correct / (double) total;
  }

  /** {@code sequences.counts}, each field null when absent. */
  public record Counts(
      Integer correct,
      Integer incorrect,
      Integer unanswered,
      Integer incomplete,
      Integer submitted,
      Integer total,
      Boolean allCorrect) {}

  /** One question; {@code position} is 1-based in the attempt's array. */
  public record Question(
      String id,
      int position,
      Boolean userCorrect,
      Boolean userIncomplete,
      Boolean userSubmitted,
      String userResult,
      List<Option> options) {
    public Question {
      options = List.copyOf(requireNonNull(options, "options is null"));
    }

    public int correctOptions() {
      return (int) options.stream().filter(Option::correct).count();
    }

    public int checkedOptions() {
      return (int) options.stream().filter(Option::isChecked).count();
    }

    public int checkedCorrectOptions() {
      return (int) options.stream().filter(option -> option.isChecked() && option.correct()).count();
    }
  }

  /**
   * One option; {@code position} is 1-based. Keys of the raw option appear only when they apply: {@code correct}
   * is false when absent, {@code submitted} is true only for {@code submitted: 1}, {@code at} is null when absent.
   */
  public record Option(String id, int position, Boolean checked, boolean correct, boolean submitted, Long atMicros) {
    boolean isChecked() {
      return Boolean.TRUE.equals(checked);
    }
  }
}

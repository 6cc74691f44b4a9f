package io.edpipe.core.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One attempt in the form the landed tables take it: strings as slices of UTF-8 bytes, numbers and flags unboxed,
 * questions and options in arrays. A landing task keeps one and fills it again for each message: {@link
 * QuickAttemptParser} straight from the message's bytes, with no String and no object per option; or {@link #load}
 * from the {@link Attempt} that {@link AttemptParser} read, for the messages the quick parser leaves to it.
 *
 * <p>A string is a {@link Slice} of {@link #bytes()}: the message itself, or a fresh array per loaded attempt. Those
 * arrays are never written after they are filled, so an (array, offset, length) names one value for as long as
 * anyone holds it. Absent values: {@link Slice#NULL} for strings, {@link #NO_VALUE} for integers and timestamps
 * (which are all within years 1 to 9999), NaN for doubles (which are all finite), {@link #NO_FLAG} for flags.
 */
public final class FlatAttempt {
  /** An absent integer or timestamp. */
  public static final long NO_VALUE = Long.MIN_VALUE;

  /** An absent flag; present ones are 0 (false) and 1 (true). */
  public static final byte NO_FLAG = -1;

  private static final int INITIAL_QUESTIONS = 16;
  private static final int INITIAL_OPTIONS = 64;

  byte[] bytes;
  long keenId;
  long userExamId;
  long baseExamId;
  long examName;
  long startedAt;
  long keenTimestamp;
  long keenCreatedAt;
  double maxAttempts;
  byte certification;
  long sequenceId;
  long attempt;
  boolean hasCounts;
  long correct;
  long incorrect;
  long unanswered;
  long incomplete;
  long submitted;
  long total;
  byte allCorrect;
  long extraFields;

  int questions;
  long[] questionIds = new long[INITIAL_QUESTIONS];
  byte[] userCorrect = new byte[INITIAL_QUESTIONS];
  byte[] userIncomplete = new byte[INITIAL_QUESTIONS];
  byte[] userSubmitted = new byte[INITIAL_QUESTIONS];
  long[] userResults = new long[INITIAL_QUESTIONS];
  int[] optionEnds = new int[INITIAL_QUESTIONS];

  int options;
  long[] optionIds = new long[INITIAL_OPTIONS];
  byte[] checked = new byte[INITIAL_OPTIONS];
  boolean[] optionCorrect = new boolean[INITIAL_OPTIONS];
  boolean[] optionSubmitted = new boolean[INITIAL_OPTIONS];
  long[] at = new long[INITIAL_OPTIONS];

  /** Empties it for an attempt whose strings are in {@code bytes}. */
  void reset(byte[] source) {
    bytes = source;
    keenId = Slice.NULL;
    userExamId = Slice.NULL;
    baseExamId = Slice.NULL;
    examName = Slice.NULL;
    startedAt = NO_VALUE;
    keenTimestamp = NO_VALUE;
    keenCreatedAt = NO_VALUE;
    maxAttempts = Double.NaN;
    certification = NO_FLAG;
    sequenceId = Slice.NULL;
    attempt = NO_VALUE;
    hasCounts = false;
    correct = NO_VALUE;
    incorrect = NO_VALUE;
    unanswered = NO_VALUE;
    incomplete = NO_VALUE;
    submitted = NO_VALUE;
    total = NO_VALUE;
    allCorrect = NO_FLAG;
    extraFields = Slice.NULL;
    questions = 0;
    options = 0;
  }

  /** Starts question {@link #questions}, with nothing set; returns its index. */
  int addQuestion() {
    if (questions == questionIds.length) {
      int size = questions * 2;
      questionIds = Arrays.copyOf(questionIds, size);
      userCorrect = Arrays.copyOf(userCorrect, size);
      userIncomplete = Arrays.copyOf(userIncomplete, size);
      userSubmitted = Arrays.copyOf(userSubmitted, size);
      userResults = Arrays.copyOf(userResults, size);
      optionEnds = Arrays.copyOf(optionEnds, size);
    }
    int question = questions++;
    questionIds[question] = Slice.NULL;
    userCorrect[question] = NO_FLAG;
    userIncomplete[question] = NO_FLAG;
    userSubmitted[question] = NO_FLAG;
    userResults[question] = Slice.NULL;
    optionEnds[question] = options;
    return question;
  }

  /** Starts option {@link #options} of the last question, with nothing set; returns its index. */
  int addOption() {
    if (options == optionIds.length) {
      int size = options * 2;
      optionIds = Arrays.copyOf(optionIds, size);
      checked = Arrays.copyOf(checked, size);
      optionCorrect = Arrays.copyOf(optionCorrect, size);
      optionSubmitted = Arrays.copyOf(optionSubmitted, size);
      at = Arrays.copyOf(at, size);
    }
    int option = options++;
    optionIds[option] = Slice.NULL;
    checked[option] = NO_FLAG;
    optionCorrect[option] = false;
    optionSubmitted[option] = false;
    at[option] = NO_VALUE;
    optionEnds[questions - 1] = options;
    return option;
  }

  /** Fills it from an attempt the general parser read; its strings go to a fresh array. */
  public void load(Attempt attempt) {
    requireNonNull(attempt, "attempt is null");
    Strings strings = new Strings();
    long keen = strings.add(attempt.keenId());
    long userExam = strings.add(attempt.userExamId());
    long baseExam = strings.add(attempt.baseExamId());
    long exam = strings.add(attempt.examName());
    long sequence = strings.add(attempt.sequenceId());
    long extras = strings.add(attempt.extraFields());
    long[] questionTexts = new long[attempt.questions().size() * 2];
    List<long[]> optionTexts = new ArrayList<>();
    for (int q = 0; q < attempt.questions().size(); q++) {
      Attempt.Question question = attempt.questions().get(q);
      questionTexts[2 * q] = strings.add(question.id());
      questionTexts[2 * q + 1] = strings.add(question.userResult());
      long[] ids = new long[question.options().size()];
      for (int o = 0; o < ids.length; o++) {
        ids[o] = strings.add(question.options().get(o).id());
      }
      optionTexts.add(ids);
    }
    reset(strings.toArray());
    keenId = keen;
    userExamId = userExam;
    baseExamId = baseExam;
    examName = exam;
    startedAt = value(attempt.startedAtMicros());
    keenTimestamp = value(attempt.keenTimestampMicros());
    keenCreatedAt = value(attempt.keenCreatedAtMicros());
    maxAttempts = attempt.maxAttempts() == null ? Double.NaN : attempt.maxAttempts();
    certification = flag(attempt.certification());
    sequenceId = sequence;
    this.attempt = value(attempt.attempt());
    Attempt.Counts counts = attempt.counts();
    hasCounts = counts != null;
    if (hasCounts) {
      correct = value(counts.correct());
      incorrect = value(counts.incorrect());
      unanswered = value(counts.unanswered());
      incomplete = value(counts.incomplete());
      submitted = value(counts.submitted());
      total = value(counts.total());
      allCorrect = flag(counts.allCorrect());
    }
    extraFields = extras;
    for (int q = 0; q < attempt.questions().size(); q++) {
      Attempt.Question question = attempt.questions().get(q);
      int index = addQuestion();
      questionIds[index] = questionTexts[2 * q];
      userResults[index] = questionTexts[2 * q + 1];
      userCorrect[index] = flag(question.userCorrect());
      userIncomplete[index] = flag(question.userIncomplete());
      userSubmitted[index] = flag(question.userSubmitted());
      for (int o = 0; o < question.options().size(); o++) {
        Attempt.Option option = question.options().get(o);
        int added = addOption();
        optionIds[added] = optionTexts.get(q)[o];
        checked[added] = flag(option.checked());
        optionCorrect[added] = option.correct();
        optionSubmitted[added] = option.submitted();
        at[added] = value(option.atMicros());
      }
    }
  }

  /** The same attempt as an {@link Attempt}: for tests, and for comparing the two parsers. */
  public Attempt toAttempt() {
    List<Attempt.Question> list = new ArrayList<>();
    for (int q = 0; q < questions; q++) {
      List<Attempt.Option> optionList = new ArrayList<>();
      for (int o = optionStart(q); o < optionEnd(q); o++) {
        optionList.add(
            new Attempt.Option(
                text(optionIds[o]), optionPosition(q, o), bool(checked[o]), optionCorrect[o], optionSubmitted[o],
                boxed(at[o])));
      }
      list.add(
          new Attempt.Question(
              text(questionIds[q]), q + 1, bool(userCorrect[q]), bool(userIncomplete[q]), bool(userSubmitted[q]),
              text(userResults[q]), optionList));
    }
    Attempt.Counts counts =
        hasCounts
            ? new Attempt.Counts(
                integer(correct), integer(incorrect), integer(unanswered), integer(incomplete), integer(submitted),
                integer(total), bool(allCorrect))
            : null;
    return new Attempt(
        text(keenId), text(userExamId), text(baseExamId), text(examName), boxed(startedAt), boxed(keenTimestamp),
        boxed(keenCreatedAt), Double.isNaN(maxAttempts) ? null : maxAttempts, bool(certification), text(sequenceId),
        integer(attempt), counts, list, text(extraFields));
  }

  /** The array the slices point into. */
  public byte[] bytes() {
    return bytes;
  }

  /** The keen_id as a Java string. */
  public String keenIdText() {
    return text(keenId);
  }

  public long keenId() {
    return keenId;
  }

  public long userExamId() {
    return userExamId;
  }

  public long baseExamId() {
    return baseExamId;
  }

  public long examName() {
    return examName;
  }

  public long startedAt() {
    return startedAt;
  }

  public long keenTimestamp() {
    return keenTimestamp;
  }

  public long keenCreatedAt() {
    return keenCreatedAt;
  }

  /** NaN when absent. */
  public double maxAttempts() {
    return maxAttempts;
  }

  public byte certification() {
    return certification;
  }

  public long sequenceId() {
    return sequenceId;
  }

  public long attempt() {
    return attempt;
  }

  /** Whether the message has {@code sequences.counts}; the counts are {@link #NO_VALUE} without. */
  public boolean hasCounts() {
    return hasCounts;
  }

  public long correct() {
    return correct;
  }

  public long incorrect() {
    return incorrect;
  }

  public long unanswered() {
    return unanswered;
  }

  public long incomplete() {
    return incomplete;
  }

  public long submitted() {
    return submitted;
  }

  public long total() {
    return total;
  }

  public byte allCorrect() {
    return allCorrect;
  }

  public long extraFields() {
    return extraFields;
  }

  /** {@link Attempt#countsAgree()}. */
  public Boolean countsAgree() {
    if (!hasCounts) {
      return null;
    }
    long correctQuestions = 0;
    for (int q = 0; q < questions; q++) {
      correctQuestions += userCorrect[q] == 1 ? 1 : 0;
    }
    return Attempt.countsAgree(integer(total), integer(correct), questions, correctQuestions);
  }

  /** {@link Attempt#score()}. */
  public Double score() {
    return hasCounts ? Attempt.score(integer(correct), integer(total)) : null;
  }

  public int questionCount() {
    return questions;
  }

  public long questionId(int question) {
    return questionIds[question];
  }

  public byte userCorrect(int question) {
    return userCorrect[question];
  }

  public byte userIncomplete(int question) {
    return userIncomplete[question];
  }

  public byte userSubmitted(int question) {
    return userSubmitted[question];
  }

  public long userResult(int question) {
    return userResults[question];
  }

  /** The index of the question's first option. */
  public int optionStart(int question) {
    return question == 0 ? 0 : optionEnds[question - 1];
  }

  /** The index after the question's last option. */
  public int optionEnd(int question) {
    return optionEnds[question];
  }

  /** The 1-based position of option {@code option} in its question {@code question}. */
  public int optionPosition(int question, int option) {
    return option - optionStart(question) + 1;
  }

  public long optionId(int option) {
    return optionIds[option];
  }

  public byte checked(int option) {
    return checked[option];
  }

  public boolean optionCorrect(int option) {
    return optionCorrect[option];
  }

  public boolean optionSubmitted(int option) {
    return optionSubmitted[option];
  }

  public long at(int option) {
    return at[option];
  }

  private String text(long slice) {
    return slice == Slice.NULL ? null : new String(bytes, Slice.offset(slice), Slice.length(slice), UTF_8);
  }

  private static Long boxed(long value) {
    return value == NO_VALUE ? null : value;
  }

  private static Integer integer(long value) {
    return value == NO_VALUE ? null : (int) value;
  }

  private static Boolean bool(byte flag) {
    return flag == NO_FLAG ? null : flag == 1;
  }

  private static long value(Number value) {
    return value == null ? NO_VALUE : value.longValue();
  }

  private static byte flag(Boolean value) {
    return value == null ? NO_FLAG : (byte) (value ? 1 : 0);
  }

  /** The strings of a loaded attempt, appended into one array. */
  private static final class Strings {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    long add(String value) {
      if (value == null) {
        return Slice.NULL;
      }
      byte[] utf8 = value.getBytes(UTF_8);
      long slice = Slice.of(out.size(), utf8.length);
      out.writeBytes(utf8);
      return slice;
    }

    byte[] toArray() {
      return out.toByteArray();
    }
  }

  /** A string of a {@link FlatAttempt}: its offset and length in {@link #bytes()}, in one long. */
  public static final class Slice {
    /** An absent string. */
    public static final long NULL = -1L;

    private Slice() {}

    static long of(int offset, int length) {
      return ((long) offset << 32) | (length & 0xFFFFFFFFL);
    }

    public static int offset(long slice) {
      return (int) (slice >>> 32);
    }

    public static int length(long slice) {
      return (int) slice;
    }
  }
}

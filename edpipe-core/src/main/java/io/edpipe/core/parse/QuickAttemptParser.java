package io.edpipe.core.parse;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.edpipe.core.input.Bytes8;
import io.edpipe.core.input.JsonScan;
import java.util.Arrays;

/**
 * Reads the messages that look like the data's attempts straight from their bytes into a {@link FlatAttempt}: no
 * token stream, no String per value, no object per question or option. Landing spent more than half its time in
 * the general parser; this one reads the same attempts several times faster.
 *
 * <p>It answers only when sure, and then exactly as {@link AttemptParser} would: {@link #parse} true means that
 * {@link AttemptParser} parses the message into the same attempt. False means "ask {@link AttemptParser}": the
 * message may be invalid (it then says why) or valid but unusual: a byte that is not ASCII, an escape in a string,
 * a field the contract does not know (kept in extra_fields), a field twice, a number where the data has strings or a
 * string where it has numbers, a timestamp in a shape other than {@code 2018-01-23T14:23:19.082Z}. Conversions of
 * top-level values, once per message, go through the same {@link Values} as the general parser.
 *
 * <p>Every byte of a message it reads is one it expects: a byte that is not ASCII stops it wherever it is, so the
 * strings it reads are ASCII too.
 *
 * <p>Not thread-safe: one per task.
 */
public final class QuickAttemptParser extends JsonScan {
  /** Longer strings go to the general parser, which enforces Jackson's limits. */
  private static final int MAX_STRING_LENGTH = 1_000_000;

  private static final long FAIL = -2L;

  private static final FieldNames TOP_FIELDS =
      new FieldNames(
          "keen_id", "user_exam_id", "base_exam_id", "exam_name", "started_at", "keen_timestamp", "keen_created_at",
          "max_attempts", "certification", "sequences");
  private static final FieldNames SEQUENCES_FIELDS = new FieldNames("id", "attempt", "counts", "questions");
  private static final FieldNames COUNTS_FIELDS =
      new FieldNames("correct", "incorrect", "unanswered", "incomplete", "submitted", "total", "all_correct");
  private static final FieldNames QUESTION_FIELDS =
      new FieldNames("id", "user_correct", "user_incomplete", "user_submitted", "user_result", "options");
  private static final FieldNames OPTION_FIELDS = new FieldNames("id", "checked", "correct", "submitted", "at");

  private final FieldReader topFields = this::topField;
  private final FieldReader sequencesFields = this::sequencesField;
  private final FieldReader countsFields = this::countsField;
  private final FieldReader questionFields = this::questionField;
  private final FieldReader optionFields = this::optionField;
  private final ElementReader questionElements = this::question;
  private final ElementReader optionElements = this::option;

  private FlatAttempt flat;
  private int question; // the index in flat of the question being read
  private int option; // and of the option

  /** True when it read {@code message} into {@code into}; false when {@link AttemptParser} must decide. */
  public boolean parse(byte[] message, FlatAttempt into) {
    if (message == null) {
      return false;
    }
    start(message, 0, message.length);
    flat = into;
    into.reset(message);
    try {
      skipWhitespace();
      if (!attempt()) {
        return false;
      }
      skipWhitespace();
      return position == end && !isBlank(flat.keenId);
    } finally {
      finish();
      flat = null;
    }
  }

  private boolean attempt() {
    return object(TOP_FIELDS, topFields);
  }

  private boolean topField(int field) {
    return switch (field) {
      case 0 -> (flat.keenId = text()) != FAIL;
      case 1 -> (flat.userExamId = text()) != FAIL;
      case 2 -> (flat.baseExamId = text()) != FAIL;
      case 3 -> (flat.examName = text()) != FAIL;
      case 4 -> (flat.startedAt = isoMicros()) != FAIL;
      case 5 -> (flat.keenTimestamp = epochMicros()) != FAIL;
      case 6 -> (flat.keenCreatedAt = epochMicros()) != FAIL;
      case 7 -> decimal();
      case 8 -> (flat.certification = flag()) != FAIL;
      default -> literal(NULL) || object(SEQUENCES_FIELDS, sequencesFields);
    };
  }

  private boolean sequencesField(int field) {
    return switch (field) {
      case 0 -> (flat.sequenceId = text()) != FAIL;
      case 1 -> (flat.attempt = integer()) != FAIL;
      case 2 -> literal(NULL) || counts();
      default -> literal(NULL) || array(questionElements);
    };
  }

  private boolean counts() {
    flat.hasCounts = at('{');
    return object(COUNTS_FIELDS, countsFields);
  }

  private boolean countsField(int field) {
    return switch (field) {
      case 0 -> (flat.correct = integer()) != FAIL;
      case 1 -> (flat.incorrect = integer()) != FAIL;
      case 2 -> (flat.unanswered = integer()) != FAIL;
      case 3 -> (flat.incomplete = integer()) != FAIL;
      case 4 -> (flat.submitted = integer()) != FAIL;
      case 5 -> (flat.total = integer()) != FAIL;
      default -> (flat.allCorrect = flag()) != FAIL;
    };
  }

  private boolean question() {
    if (!at('{')) {
      return false;
    }
    question = flat.addQuestion();
    return object(QUESTION_FIELDS, questionFields);
  }

  private boolean questionField(int field) {
    return switch (field) {
      case 0 -> (flat.questionIds[question] = text()) != FAIL;
      case 1 -> (flat.userCorrect[question] = flag()) != FAIL;
      case 2 -> (flat.userIncomplete[question] = flag()) != FAIL;
      case 3 -> (flat.userSubmitted[question] = flag()) != FAIL;
      case 4 -> (flat.userResults[question] = text()) != FAIL;
      default -> literal(NULL) || array(optionElements);
    };
  }

  private boolean option() {
    if (!at('{')) {
      return false;
    }
    option = flat.addOption();
    return object(OPTION_FIELDS, optionFields);
  }

  private boolean optionField(int field) {
    switch (field) {
      case 0 -> {
        return (flat.optionIds[option] = text()) != FAIL;
      }
      case 1 -> {
        return (flat.checked[option] = flag()) != FAIL;
      }
      case 2 -> {
        byte correct = flag();
        flat.optionCorrect[option] = correct == 1;
        return correct != FAIL;
      }
      case 3 -> {
        int submitted = submittedFlag();
        flat.optionSubmitted[option] = submitted == 1;
        return submitted >= 0;
      }
      default -> {
        return (flat.at[option] = isoMicros()) != FAIL;
      }
    }
  }

  /** Reads the value of one field, given by its index in its object's {@link FieldNames}; false for FAIL. */
  private interface FieldReader {
    boolean read(int field);
  }

  /** Reads one element of an array; false for FAIL. */
  private interface ElementReader {
    boolean read();
  }

  /**
   * An object whose fields are all among {@code names}, each once, each read by {@code reader}; false for
   * anything else (no object, a field the contract does not know, a field twice, a value the reader fails).
   */
  private boolean object(FieldNames names, FieldReader reader) {
    if (!at('{')) {
      return false;
    }
    position++;
    skipWhitespace();
    if (at('}')) {
      position++;
      return true;
    }
    int seen = 0;
    while (true) {
      int field = fieldName(names);
      if (field < 0 || (seen & (1 << field)) != 0) {
        return false;
      }
      seen |= 1 << field;
      if (!reader.read(field)) {
        return false;
      }
      int next = next('}');
      if (next <= 0) {
        return next == 0;
      }
    }
  }

  /** An array whose elements {@code reader} reads; false for anything else. */
  private boolean array(ElementReader reader) {
    if (!at('[')) {
      return false;
    }
    position++;
    skipWhitespace();
    if (at(']')) {
      position++;
      return true;
    }
    while (true) {
      if (!reader.read()) {
        return false;
      }
      int next = next(']');
      if (next <= 0) {
        return next == 0;
      }
    }
  }

  /** Reads {@code "name":} and returns the name's index in {@code names}, or -1 (not one of them, or not a name). */
  private int fieldName(FieldNames names) {
    if (!at('"')) {
      return -1;
    }
    int start = position + 1;
    int field = start + 16 <= end ? names.find(bytes, start) : names.findNearEnd(bytes, start, end);
    if (field < 0) {
      return -1; // not one of them: a name the contract does not know, one with an escape, or no name
    }
    position = start + names.length(field) + 1;
    skipWhitespace();
    if (!at(':')) {
      return -1;
    }
    position++;
    skipWhitespace();
    return field;
  }

  /** A string (no escapes) as a slice, null, or FAIL: the general parser renders numbers and booleans as text. */
  private long text() {
    if (at('"')) {
      return string();
    }
    return literal(NULL) ? FlatAttempt.Slice.NULL : FAIL;
  }

  /** A string in the data's ISO-8601 shape, or null, as epoch micros; FAIL for anything else. */
  private long isoMicros() {
    if (!at('"')) {
      return literal(NULL) ? FlatAttempt.NO_VALUE : FAIL;
    }
    long text = string();
    if (text == FAIL) {
      return FAIL;
    }
    int offset = FlatAttempt.Slice.offset(text);
    long micros = IsoInstants.micros(bytes, offset, offset + FlatAttempt.Slice.length(text));
    return micros == IsoInstants.NOT_SIMPLE ? FAIL : micros;
  }

  /** Epoch seconds in a string, or null, as micros; as {@link Values#epochSecondsMicros}, which decides. */
  private long epochMicros() {
    if (!at('"')) {
      return literal(NULL) ? FlatAttempt.NO_VALUE : FAIL;
    }
    String text = stringText();
    try {
      return text == null ? FAIL : Values.epochSecondsMicros(text);
    } catch (Rejection e) {
      return FAIL;
    }
  }

  /** max_attempts: a number in a string, or null, as {@link Values#finiteDouble}. */
  private boolean decimal() {
    if (!at('"')) {
      return literal(NULL);
    }
    String text = stringText();
    if (text == null) {
      return false;
    }
    try {
      flat.maxAttempts = Values.finiteDouble(text);
      return true;
    } catch (Rejection e) {
      return false;
    }
  }

  /** A JSON integer of up to 9 digits, a string as {@link Values#integer} reads it, or null; FAIL otherwise. */
  private long integer() {
    if (at('"')) {
      String text = stringText();
      try {
        return text == null ? FAIL : Values.integer(text);
      } catch (Rejection e) {
        return FAIL;
      }
    }
    if (literal(NULL)) {
      return FlatAttempt.NO_VALUE;
    }
    return plainInteger();
  }

  /** Up to 9 digits, without a leading zero, and not followed by a fraction or exponent; FAIL for anything else. */
  private long plainInteger() {
    int start = position;
    long value = 0;
    while (position < end && bytes[position] >= '0' && bytes[position] <= '9') {
      value = value * 10 + (bytes[position] - '0');
      position++;
    }
    int digits = position - start;
    if (digits == 0 || digits > 9 || (digits > 1 && bytes[start] == '0')) {
      return FAIL;
    }
    if (position < end && (bytes[position] == '.' || bytes[position] == 'e' || bytes[position] == 'E')) {
      return FAIL;
    }
    return value;
  }

  /** true, false, a string as {@link Values#bool} reads it, or null, as a flag; FAIL (as a byte) otherwise. */
  private byte flag() {
    if (literal(TRUE)) {
      return 1;
    }
    if (literal(FALSE)) {
      return 0;
    }
    if (literal(NULL)) {
      return FlatAttempt.NO_FLAG;
    }
    if (!at('"')) {
      return (byte) FAIL;
    }
    String text = stringText();
    Boolean value = text == null ? null : Values.bool(text);
    return value == null ? (byte) FAIL : (byte) (value ? 1 : 0);
  }

  /** An option's submitted: 1 for true or a non-zero integer, 0 for false, 0 or null; -1 to leave it to the general parser. */
  private int submittedFlag() {
    if (literal(TRUE)) {
      return 1;
    }
    if (literal(FALSE) || literal(NULL)) {
      return 0;
    }
    long value;
    if (at('"')) {
      String text = stringText();
      try {
        value = text == null ? FAIL : Values.integer(text);
      } catch (Rejection e) {
        return -1;
      }
    } else {
      value = plainInteger();
    }
    return value == FAIL ? -1 : value != 0 ? 1 : 0;
  }

  /** A string read as a Java String, or null when it has an escape or is too long. */
  private String stringText() {
    long slice = string();
    return slice == FAIL
        ? null
        : new String(bytes, FlatAttempt.Slice.offset(slice), FlatAttempt.Slice.length(slice), US_ASCII);
  }

  /**
   * The string from the quote at {@link #position}, as a slice of its content; FAIL for an escape, a control
   * character, no closing quote or a string too long. Reads eight bytes at a time (the message is ASCII).
   */
  private long string() {
    int start = ++position;
    while (true) {
      if (position + 8 <= end) {
        long stops = Bytes8.stringStops(Bytes8.word(bytes, position));
        if (stops == 0) {
          position += 8;
          continue;
        }
        position += Long.numberOfTrailingZeros(stops) >>> 3;
      } else {
        while (position < end && bytes[position] != '"' && bytes[position] != '\\' && bytes[position] >= ' ') {
          position++;
        }
        if (position == end) {
          return FAIL;
        }
      }
      if (bytes[position] != '"' || position - start > MAX_STRING_LENGTH) {
        return FAIL;
      }
      return FlatAttempt.Slice.of(start, position++ - start);
    }
  }


  private boolean isBlank(long slice) {
    if (slice == FlatAttempt.Slice.NULL) {
      return true;
    }
    int offset = FlatAttempt.Slice.offset(slice);
    for (int i = offset; i < offset + FlatAttempt.Slice.length(slice); i++) {
      if (bytes[i] != ' ') {
        return false; // a string with no escape holds no other whitespace String.isBlank knows
      }
    }
    return true;
  }




  /**
   * The names of one object's fields, each compared with the bytes after a quote as two words of eight bytes: the
   * name and its closing quote, masked to their length. Names are at most 15 bytes.
   */
  private static final class FieldNames {
    private final int[] lengths;
    private final long[] firstWords;
    private final long[] firstMasks;
    private final long[] secondWords;
    private final long[] secondMasks;

    FieldNames(String... names) {
      int count = names.length;
      lengths = new int[count];
      firstWords = new long[count];
      firstMasks = new long[count];
      secondWords = new long[count];
      secondMasks = new long[count];
      for (int i = 0; i < count; i++) {
        byte[] quoted = (names[i] + '"').getBytes(US_ASCII);
        if (quoted.length > 16) {
          throw new IllegalArgumentException("Name longer than 15 bytes: " + names[i]);
        }
        lengths[i] = names[i].length();
        for (int b = 0; b < quoted.length; b++) {
          long shifted = (quoted[b] & 0xFFL) << (8 * (b % 8));
          if (b < 8) {
            firstWords[i] |= shifted;
            firstMasks[i] |= 0xFFL << (8 * b);
          } else {
            secondWords[i] |= shifted;
            secondMasks[i] |= 0xFFL << (8 * (b - 8));
          }
        }
      }
    }

    /** The index of the name whose bytes and closing quote start at {@code start}, or -1; 16 bytes must follow. */
    int find(byte[] bytes, int start) {
      long first = Bytes8.word(bytes, start);
      long second = Bytes8.word(bytes, start + 8);
      for (int i = 0; i < lengths.length; i++) {
        if ((first & firstMasks[i]) == firstWords[i] && (second & secondMasks[i]) == secondWords[i]) {
          return i;
        }
      }
      return -1;
    }

    /** {@link #find} where fewer than 16 bytes follow {@code start}. */
    int findNearEnd(byte[] bytes, int start, int end) {
      byte[] padded = Arrays.copyOfRange(bytes, start, start + 16); // zeros beyond end: no name's quote
      Arrays.fill(padded, end - start, 16, (byte) 0);
      return find(padded, 0);
    }

    int length(int field) {
      return lengths[field];
    }
  }
}

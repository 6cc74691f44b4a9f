package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.customer.Customers;
import io.edpipe.core.parse.AttemptParser;
import io.edpipe.core.parse.FlatAttempt;
import io.edpipe.core.parse.FlatAttempt.Slice;
import io.edpipe.core.parse.ParseOutcome;
import io.edpipe.core.parse.QuickAttemptParser;
import io.edpipe.core.parse.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.iceberg.Schema;
import org.apache.spark.unsafe.Platform;

/**
 * Turns one task's messages into the rows of the five tables, parsing each message once: an attempt's row, its
 * questions' and options' rows, or a duplicate's or a quarantined message's row. No I/O: rows go to a {@link
 * Sink}, which writes them before the next message (rows are reused).
 *
 * <p>Messages are read into a {@link FlatAttempt} by the {@link QuickAttemptParser}, whose strings are slices of the
 * message's own bytes and go into the rows as they are; the few it leaves to the general {@link AttemptParser}
 * (extra fields, escapes, text that is not ASCII, and anything invalid) are read by that one, which decides.
 *
 * <p>Which copy of a keen_id is the attempt: the one a {@link Keeper} names, when the batch has resolved that
 * keen_id; otherwise the first copy this task sees. The task's choices are checked against the other tasks' and
 * the landed attempts afterwards ({@link KeeperCheck}): every keeper goes to the {@link KeySink} for that.
 *
 * <p>Every row names the message's customer: the id in its {@link Customers#HEADER} header, or the lake's default
 * customer when it has none. A message whose header is not a valid customer id is quarantined
 * ({@code invalid_customer}), under no customer: landing it under anyone could show it to the wrong customer.
 *
 * <p>A table gets a message's rows only when it does not hold that message yet ({@code next}: per table, per
 * partition, the offset it holds messages up to), so that a batch that failed between two tables' commits is
 * completed, never repeated.
 */
final class MessageFlattener {
  /** Spark's {@code xxhash64} seed: content_hash must equal {@code xxhash64(value)}. */
  private static final long XXHASH_SEED = 42L;

  /** Keen_ids a task remembers to find its own duplicates; beyond it, the check after the batch finds them. */
  static final int REMEMBERED_KEEPERS = 2_000_000;

  /** Where rows go; the row is reused after the call. */
  interface Sink {
    void write(LakeTable table, TableRow row);
  }

  /** Where a task's keepers go, for the check across tasks. */
  interface KeySink {
    /** The keeper's keen_id is {@code length} bytes of {@code text} from {@code from}. */
    void keeper(byte[] text, int from, int length, String topic, int partition, long offset, long contentHash);
  }

  private final String topic;
  private final Map<LakeTable, Map<Integer, Long>> next;
  private final Map<String, Keeper> resolved;
  private final long landedAtMicros;
  private final Sink sink;
  private final KeySink keys;
  private final AttemptParser parser = new AttemptParser();
  private final QuickAttemptParser quick = new QuickAttemptParser();
  private final FlatAttempt flat = new FlatAttempt();
  private final Map<String, Long> keeperHashes = new HashMap<>();
  private final Map<LakeTable, Long> rows = new EnumMap<>(LakeTable.class);
  private final byte[] topicText;
  /** Per table (by ordinal), the position of its customer column. */
  private final int[] customerPositions = new int[LakeTable.values().length];
  private final byte[] defaultCustomer;
  /** The last customer header seen and its id's text: an array that never changes, as rows require. */
  private byte[] lastHeader;
  private byte[] lastCustomer;
  /** The current message's customer, or null. */
  private byte[] customer;

  private final AttemptColumns attempts;
  private final QuestionColumns questions;
  private final OptionColumns options;
  private final DuplicateColumns duplicates;
  private final QuarantineColumns quarantine;

  /**
   * @param next per table, per partition of {@code topic}, the offset below which the table holds every message
   * @param resolved keepers decided for the whole batch, by keen_id; empty on a batch's first pass
   */
  MessageFlattener(
      String topic,
      Map<LakeTable, Schema> schemas,
      Map<LakeTable, Map<Integer, Long>> next,
      Map<String, Keeper> resolved,
      long landedAtMicros,
      String defaultCustomer,
      Sink sink,
      KeySink keys) {
    this.topic = requireNonNull(topic, "topic is null");
    this.defaultCustomer = TableRow.utf8(Customers.check(defaultCustomer, "the default customer"));
    this.next = requireNonNull(next, "next is null");
    this.resolved = requireNonNull(resolved, "resolved is null");
    this.landedAtMicros = landedAtMicros;
    this.sink = requireNonNull(sink, "sink is null");
    this.keys = requireNonNull(keys, "keys is null");
    this.topicText = TableRow.utf8(topic);
    this.attempts = new AttemptColumns(new TableRow(schemas.get(LakeTable.ATTEMPTS)));
    this.questions = new QuestionColumns(new TableRow(schemas.get(LakeTable.QUESTIONS)));
    this.options = new OptionColumns(new TableRow(schemas.get(LakeTable.OPTIONS)));
    this.duplicates = new DuplicateColumns(new TableRow(schemas.get(LakeTable.DUPLICATES)));
    this.quarantine = new QuarantineColumns(new TableRow(schemas.get(LakeTable.QUARANTINE)));
    for (LakeTable table : LakeTable.values()) {
      rows.put(table, 0L);
      customerPositions[table.ordinal()] = new TableRow(schemas.get(table)).position(LakeTable.CUSTOMER_COLUMN);
    }
  }

  /** Rows written so far, per table. */
  Map<LakeTable, Long> rows() {
    return rows;
  }

  /** Flattens one message of the batch's topic, without a customer header. */
  void accept(int partition, long offset, byte[] value) {
    accept(partition, offset, value, null);
  }

  /**
   * Flattens one message of the batch's topic.
   *
   * @param customerHeader the value of its customer header; null when it has none
   */
  void accept(int partition, long offset, byte[] value, byte[] customerHeader) {
    customer = customerOf(customerHeader);
    if (customer == null) {
      if (holds(LakeTable.QUARANTINE, partition, offset)) {
        ParseOutcome.Rejected rejected =
            new ParseOutcome.Rejected(
                RejectReason.INVALID_CUSTOMER,
                "the customer header is not a valid customer id: "
                    + new String(customerHeader, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?"));
        String raw = value == null ? null : new String(value, StandardCharsets.UTF_8);
        write(LakeTable.QUARANTINE, quarantine.row(topicText, partition, offset, rejected, raw, landedAtMicros));
      }
      return;
    }
    long hash = value == null ? XXHASH_SEED : XXH64.hashUnsafeBytes(value, Platform.BYTE_ARRAY_OFFSET, value.length, XXHASH_SEED);
    if (quick.parse(value, flat)) {
      acceptAttempt(partition, offset, hash);
      return;
    }
    ParseOutcome outcome = parser.parse(value);
    if (outcome instanceof ParseOutcome.Parsed parsed) {
      flat.load(parsed.attempt());
      acceptAttempt(partition, offset, hash);
    } else if (holds(LakeTable.QUARANTINE, partition, offset)) {
      ParseOutcome.Rejected rejected = (ParseOutcome.Rejected) outcome;
      // Non-UTF-8 bytes are kept with replacement characters: the detail says so, and Kafka keeps the original.
      String raw = value == null ? null : new String(value, StandardCharsets.UTF_8);
      write(LakeTable.QUARANTINE, quarantine.row(topicText, partition, offset, rejected, raw, landedAtMicros));
    }
  }

  /** Writes the rows of the attempt in {@link #flat}. */
  private void acceptAttempt(int partition, long offset, long hash) {
    String keenId = flat.keenIdText();
    byte[] text = flat.bytes();
    long id = flat.keenId();
    boolean keeper;
    boolean identical;
    Keeper decided = resolved.get(keenId);
    if (decided != null) {
      keeper = decided.is(topic, partition, offset);
      identical = decided.contentHash() == hash;
    } else {
      Long keeperHash = keeperHashes.get(keenId);
      keeper = keeperHash == null;
      identical = keeper || keeperHash == hash;
      if (keeper) {
        if (keeperHashes.size() >= REMEMBERED_KEEPERS) {
          keeperHashes.clear();
        }
        keeperHashes.put(keenId, hash);
        keys.keeper(text, Slice.offset(id), Slice.length(id), topic, partition, offset, hash);
      }
    }
    if (!keeper) {
      if (holds(LakeTable.DUPLICATES, partition, offset)) {
        write(LakeTable.DUPLICATES, duplicates.row(text, id, topicText, partition, offset, identical, landedAtMicros));
      }
      return;
    }
    if (holds(LakeTable.ATTEMPTS, partition, offset)) {
      write(LakeTable.ATTEMPTS, attempts.row(flat, hash, topicText, partition, offset, landedAtMicros));
    }
    boolean questionsWanted = holds(LakeTable.QUESTIONS, partition, offset);
    boolean optionsWanted = holds(LakeTable.OPTIONS, partition, offset);
    if (!questionsWanted && !optionsWanted) {
      return;
    }
    for (int question = 0; question < flat.questionCount(); question++) {
      if (questionsWanted) {
        write(LakeTable.QUESTIONS, questions.row(flat, question));
      }
      if (optionsWanted) {
        for (int option = flat.optionStart(question); option < flat.optionEnd(question); option++) {
          write(LakeTable.OPTIONS, options.row(flat, question, option));
        }
      }
    }
  }

  /** The customer id's text for a header value: the default for none, null for an invalid one. */
  private byte[] customerOf(byte[] header) {
    if (header == null) {
      return defaultCustomer;
    }
    if (!Arrays.equals(header, lastHeader)) {
      lastHeader = header;
      lastCustomer = Customers.fromHeader(header).map(TableRow::utf8).orElse(null);
    }
    return lastCustomer;
  }

  /** Whether {@code table} still needs the message: it holds messages only below its next offset. */
  private boolean holds(LakeTable table, int partition, long offset) {
    Long below = next.get(table).get(partition);
    return below == null || offset >= below;
  }

  private void write(LakeTable table, TableRow row) {
    row.setString(customerPositions[table.ordinal()], customer);
    sink.write(table, row);
    rows.merge(table, 1L, Long::sum);
  }

  /** Sets a string of the flat attempt, a slice of {@code text}, in a cleared row; leaves it null for none. */
  private static void setText(TableRow row, int position, byte[] text, long slice) {
    if (slice != Slice.NULL) {
      row.setString(position, text, Slice.offset(slice), Slice.length(slice));
    }
  }

  /** The setters below, like {@link #setText}, fill a cleared row and leave absent values null. */
  private static void setValue(TableRow row, int position, long value) {
    if (value != FlatAttempt.NO_VALUE) {
      row.setLong(position, value);
    }
  }

  private static void setInt(TableRow row, int position, long value) {
    if (value != FlatAttempt.NO_VALUE) {
      row.setInt(position, (int) value);
    }
  }

  private static void setFlag(TableRow row, int position, byte flag) {
    if (flag != FlatAttempt.NO_FLAG) {
      row.setBoolean(position, flag == 1);
    }
  }

  /** The attempts table's columns. */
  private static final class AttemptColumns {
    private final TableRow rows;
    private final int keenId;
    private final int userExamId;
    private final int baseExamId;
    private final int examName;
    private final int startedAt;
    private final int keenTimestamp;
    private final int keenCreatedAt;
    private final int maxAttempts;
    private final int certification;
    private final int sequenceId;
    private final int attempt;
    private final int questionCount;
    private final int correct;
    private final int incorrect;
    private final int unanswered;
    private final int incomplete;
    private final int submitted;
    private final int total;
    private final int allCorrect;
    private final int score;
    private final int contentHash;
    private final int kafkaTopic;
    private final int kafkaPartition;
    private final int kafkaOffset;
    private final int landedAt;
    private final int countsAgree;
    private final int extraFields;

    AttemptColumns(TableRow rows) {
      this.rows = rows;
      keenId = rows.position("keen_id");
      userExamId = rows.position("user_exam_id");
      baseExamId = rows.position("base_exam_id");
      examName = rows.position("exam_name");
      startedAt = rows.position("started_at");
      keenTimestamp = rows.position("keen_timestamp");
      keenCreatedAt = rows.position("keen_created_at");
      maxAttempts = rows.position("max_attempts");
      certification = rows.position("certification");
      sequenceId = rows.position("sequence_id");
      attempt = rows.position("attempt");
      questionCount = rows.position("question_count");
      correct = rows.position("correct");
      incorrect = rows.position("incorrect");
      unanswered = rows.position("unanswered");
      incomplete = rows.position("incomplete");
      submitted = rows.position("submitted");
      total = rows.position("total");
      allCorrect = rows.position("all_correct");
      score = rows.position("score");
      contentHash = rows.position("content_hash");
      kafkaTopic = rows.position("kafka_topic");
      kafkaPartition = rows.position("kafka_partition");
      kafkaOffset = rows.position("kafka_offset");
      landedAt = rows.position("landed_at");
      countsAgree = rows.position("counts_agree");
      extraFields = rows.position("extra_fields");
    }

    TableRow row(FlatAttempt value, long hash, byte[] topic, int partition, long offset, long landedAtMicros) {
      byte[] text = value.bytes();
      rows.clear();
      setText(rows, keenId, text, value.keenId());
      setText(rows, userExamId, text, value.userExamId());
      setText(rows, baseExamId, text, value.baseExamId());
      setText(rows, examName, text, value.examName());
      setValue(rows, startedAt, value.startedAt());
      setValue(rows, keenTimestamp, value.keenTimestamp());
      setValue(rows, keenCreatedAt, value.keenCreatedAt());
      if (!Double.isNaN(value.maxAttempts())) {
        rows.setDouble(maxAttempts, value.maxAttempts());
      }
      setFlag(rows, certification, value.certification());
      setText(rows, sequenceId, text, value.sequenceId());
      setInt(rows, attempt, value.attempt());
      rows.setInt(questionCount, value.questionCount());
      if (value.hasCounts()) {
        setInt(rows, correct, value.correct());
        setInt(rows, incorrect, value.incorrect());
        setInt(rows, unanswered, value.unanswered());
        setInt(rows, incomplete, value.incomplete());
        setInt(rows, submitted, value.submitted());
        setInt(rows, total, value.total());
        setFlag(rows, allCorrect, value.allCorrect());
      }
      rows.setDouble(score, value.score());
      rows.setLong(contentHash, hash);
      rows.setString(kafkaTopic, topic);
      rows.setInt(kafkaPartition, partition);
      rows.setLong(kafkaOffset, offset);
      rows.setLong(landedAt, landedAtMicros);
      rows.setBoolean(countsAgree, value.countsAgree());
      setText(rows, extraFields, text, value.extraFields());
      return rows;
    }
  }

  /** The questions table's columns. */
  private static final class QuestionColumns {
    private final TableRow rows;
    private final int keenId;
    private final int userExamId;
    private final int baseExamId;
    private final int examName;
    private final int questionId;
    private final int position;
    private final int userCorrect;
    private final int userIncomplete;
    private final int userSubmitted;
    private final int userResult;
    private final int optionCount;
    private final int correctOptions;
    private final int checkedOptions;
    private final int checkedCorrectOptions;

    QuestionColumns(TableRow rows) {
      this.rows = rows;
      keenId = rows.position("keen_id");
      userExamId = rows.position("user_exam_id");
      baseExamId = rows.position("base_exam_id");
      examName = rows.position("exam_name");
      questionId = rows.position("question_id");
      position = rows.position("position");
      userCorrect = rows.position("user_correct");
      userIncomplete = rows.position("user_incomplete");
      userSubmitted = rows.position("user_submitted");
      userResult = rows.position("user_result");
      optionCount = rows.position("option_count");
      correctOptions = rows.position("correct_options");
      checkedOptions = rows.position("checked_options");
      checkedCorrectOptions = rows.position("checked_correct_options");
    }

    TableRow row(FlatAttempt value, int question) {
      byte[] text = value.bytes();
      rows.clear();
      setText(rows, keenId, text, value.keenId());
      setText(rows, userExamId, text, value.userExamId());
      setText(rows, baseExamId, text, value.baseExamId());
      setText(rows, examName, text, value.examName());
      setText(rows, questionId, text, value.questionId(question));
      rows.setInt(position, question + 1);
      setFlag(rows, userCorrect, value.userCorrect(question));
      setFlag(rows, userIncomplete, value.userIncomplete(question));
      setFlag(rows, userSubmitted, value.userSubmitted(question));
      setText(rows, userResult, text, value.userResult(question));
      rows.setInt(optionCount, value.optionEnd(question) - value.optionStart(question));
      int correct = 0;
      int checked = 0;
      int checkedCorrect = 0;
      for (int option = value.optionStart(question); option < value.optionEnd(question); option++) {
        boolean isChecked = value.checked(option) == 1;
        correct += value.optionCorrect(option) ? 1 : 0;
        checked += isChecked ? 1 : 0;
        checkedCorrect += isChecked && value.optionCorrect(option) ? 1 : 0;
      }
      rows.setInt(correctOptions, correct);
      rows.setInt(checkedOptions, checked);
      rows.setInt(checkedCorrectOptions, checkedCorrect);
      return rows;
    }
  }

  /** The options table's columns. */
  private static final class OptionColumns {
    private final TableRow rows;
    private final int keenId;
    private final int questionId;
    private final int optionId;
    private final int position;
    private final int checked;
    private final int correct;
    private final int submitted;
    private final int at;

    OptionColumns(TableRow rows) {
      this.rows = rows;
      keenId = rows.position("keen_id");
      questionId = rows.position("question_id");
      optionId = rows.position("option_id");
      position = rows.position("position");
      checked = rows.position("checked");
      correct = rows.position("correct");
      submitted = rows.position("submitted");
      at = rows.position("at");
    }

    TableRow row(FlatAttempt value, int question, int option) {
      byte[] text = value.bytes();
      rows.clear();
      setText(rows, keenId, text, value.keenId());
      setText(rows, questionId, text, value.questionId(question));
      setText(rows, optionId, text, value.optionId(option));
      rows.setInt(position, value.optionPosition(question, option));
      setFlag(rows, checked, value.checked(option));
      rows.setBoolean(correct, value.optionCorrect(option));
      rows.setBoolean(submitted, value.optionSubmitted(option));
      setValue(rows, at, value.at(option));
      return rows;
    }
  }

  /** The duplicates table's columns. */
  private static final class DuplicateColumns {
    private final TableRow rows;
    private final int keenId;
    private final int kafkaTopic;
    private final int kafkaPartition;
    private final int kafkaOffset;
    private final int identical;
    private final int landedAt;

    DuplicateColumns(TableRow rows) {
      this.rows = rows;
      keenId = rows.position("keen_id");
      kafkaTopic = rows.position("kafka_topic");
      kafkaPartition = rows.position("kafka_partition");
      kafkaOffset = rows.position("kafka_offset");
      identical = rows.position("identical");
      landedAt = rows.position("landed_at");
    }

    TableRow row(byte[] text, long id, byte[] topic, int partition, long offset, boolean same, long landedAtMicros) {
      rows.clear();
      setText(rows, keenId, text, id);
      rows.setString(kafkaTopic, topic);
      rows.setInt(kafkaPartition, partition);
      rows.setLong(kafkaOffset, offset);
      rows.setBoolean(identical, same);
      rows.setLong(landedAt, landedAtMicros);
      return rows;
    }
  }

  /** The quarantine table's columns. */
  private static final class QuarantineColumns {
    private final TableRow rows;
    private final int kafkaTopic;
    private final int kafkaPartition;
    private final int kafkaOffset;
    private final int reason;
    private final int detail;
    private final int raw;
    private final int landedAt;

    QuarantineColumns(TableRow rows) {
      this.rows = rows;
      kafkaTopic = rows.position("kafka_topic");
      kafkaPartition = rows.position("kafka_partition");
      kafkaOffset = rows.position("kafka_offset");
      reason = rows.position("reason");
      detail = rows.position("detail");
      raw = rows.position("raw");
      landedAt = rows.position("landed_at");
    }

    TableRow row(
        byte[] topic, int partition, long offset, ParseOutcome.Rejected rejected, String text, long landedAtMicros) {
      rows.clear();
      rows.setString(kafkaTopic, topic);
      rows.setInt(kafkaPartition, partition);
      rows.setLong(kafkaOffset, offset);
      rows.setString(reason, rejected.reason().code());
      rows.setString(detail, rejected.detail());
      rows.setString(raw, text);
      rows.setLong(landedAt, landedAtMicros);
      return rows;
    }
  }
}

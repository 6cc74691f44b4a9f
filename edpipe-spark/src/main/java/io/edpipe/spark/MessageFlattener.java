package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.parse.Attempt;
import io.edpipe.core.parse.AttemptParser;
import io.edpipe.core.parse.ParseOutcome;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.iceberg.Schema;
import org.apache.iceberg.shaded.org.apache.parquet.io.api.Binary;
import org.apache.spark.unsafe.Platform;

/**
 * Turns one task's messages into the rows of the five tables, parsing each message once: an attempt's row, its
 * questions' and options' rows, or a duplicate's or a quarantined message's row. No I/O: rows go to a {@link
 * Sink}, which writes them before the next message (rows are reused).
 *
 * <p>Which copy of a keen_id is the attempt: the one a {@link Keeper} names, when the batch has resolved that
 * keen_id; otherwise the first copy this task sees. The task's choices are checked against the other tasks' and
 * the landed attempts afterwards ({@link KeeperCheck}): every keeper goes to the {@link KeySink} for that.
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
    void keeper(Binary keenId, String topic, int partition, long offset, long contentHash);
  }

  private final String topic;
  private final Map<LakeTable, Map<Integer, Long>> next;
  private final Map<String, Keeper> resolved;
  private final long landedAtMicros;
  private final Sink sink;
  private final KeySink keys;
  private final AttemptParser parser = new AttemptParser();
  private final Map<String, Long> keeperHashes = new HashMap<>();
  private final Map<LakeTable, Long> rows = new EnumMap<>(LakeTable.class);
  private final Binary topicText;

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
      Sink sink,
      KeySink keys) {
    this.topic = requireNonNull(topic, "topic is null");
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
    }
  }

  /** Rows written so far, per table. */
  Map<LakeTable, Long> rows() {
    return rows;
  }

  /** Flattens one message of the batch's topic. */
  void accept(int partition, long offset, byte[] value) {
    long hash = value == null ? XXHASH_SEED : XXH64.hashUnsafeBytes(value, Platform.BYTE_ARRAY_OFFSET, value.length, XXHASH_SEED);
    ParseOutcome outcome = parser.parse(value);
    if (outcome instanceof ParseOutcome.Parsed parsed) {
      acceptAttempt(partition, offset, hash, parsed.attempt());
    } else if (holds(LakeTable.QUARANTINE, partition, offset)) {
      ParseOutcome.Rejected rejected = (ParseOutcome.Rejected) outcome;
      // Non-UTF-8 bytes are kept with replacement characters: the detail says so, and Kafka keeps the original.
      String raw = value == null ? null : new String(value, StandardCharsets.UTF_8);
      write(LakeTable.QUARANTINE, quarantine.row(topicText, partition, offset, rejected, raw, landedAtMicros));
    }
  }

  private void acceptAttempt(int partition, long offset, long hash, Attempt attempt) {
    String keenId = attempt.keenId();
    Binary keenIdText = TableRow.utf8(keenId);
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
        keys.keeper(keenIdText, topic, partition, offset, hash);
      }
    }
    if (!keeper) {
      if (holds(LakeTable.DUPLICATES, partition, offset)) {
        write(LakeTable.DUPLICATES, duplicates.row(keenIdText, topicText, partition, offset, identical, landedAtMicros));
      }
      return;
    }
    if (holds(LakeTable.ATTEMPTS, partition, offset)) {
      write(LakeTable.ATTEMPTS, attempts.row(keenIdText, attempt, hash, topicText, partition, offset, landedAtMicros));
    }
    boolean questionsWanted = holds(LakeTable.QUESTIONS, partition, offset);
    boolean optionsWanted = holds(LakeTable.OPTIONS, partition, offset);
    if (!questionsWanted && !optionsWanted) {
      return;
    }
    Binary userExamId = text(attempt.userExamId());
    Binary baseExamId = text(attempt.baseExamId());
    Binary examName = text(attempt.examName());
    for (Attempt.Question question : attempt.questions()) {
      Binary questionId = text(question.id());
      if (questionsWanted) {
        write(LakeTable.QUESTIONS, questions.row(keenIdText, userExamId, baseExamId, examName, questionId, question));
      }
      if (optionsWanted) {
        List<Attempt.Option> questionOptions = question.options();
        for (Attempt.Option option : questionOptions) {
          write(LakeTable.OPTIONS, options.row(keenIdText, questionId, option));
        }
      }
    }
  }

  /** Whether {@code table} still needs the message: it holds messages only below its next offset. */
  private boolean holds(LakeTable table, int partition, long offset) {
    Long below = next.get(table).get(partition);
    return below == null || offset >= below;
  }

  private void write(LakeTable table, TableRow row) {
    sink.write(table, row);
    rows.merge(table, 1L, Long::sum);
  }

  private static Binary text(String value) {
    return value == null ? null : TableRow.utf8(value);
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

    TableRow row(
        Binary id, Attempt value, long hash, Binary topic, int partition, long offset, long landedAtMicros) {
      rows.clear();
      rows.setString(keenId, id);
      rows.setString(userExamId, value.userExamId());
      rows.setString(baseExamId, value.baseExamId());
      rows.setString(examName, value.examName());
      rows.setLong(startedAt, value.startedAtMicros());
      rows.setLong(keenTimestamp, value.keenTimestampMicros());
      rows.setLong(keenCreatedAt, value.keenCreatedAtMicros());
      rows.setDouble(maxAttempts, value.maxAttempts());
      rows.setBoolean(certification, value.certification());
      rows.setString(sequenceId, value.sequenceId());
      rows.setInt(attempt, value.attempt());
      rows.setInt(questionCount, value.questions().size());
      Attempt.Counts counts = value.counts();
      if (counts != null) {
        rows.setInt(correct, counts.correct());
        rows.setInt(incorrect, counts.incorrect());
        rows.setInt(unanswered, counts.unanswered());
        rows.setInt(incomplete, counts.incomplete());
        rows.setInt(submitted, counts.submitted());
        rows.setInt(total, counts.total());
        rows.setBoolean(allCorrect, counts.allCorrect());
      }
      rows.setDouble(score, value.score());
      rows.setLong(contentHash, hash);
      rows.setString(kafkaTopic, topic);
      rows.setInt(kafkaPartition, partition);
      rows.setLong(kafkaOffset, offset);
      rows.setLong(landedAt, landedAtMicros);
      rows.setBoolean(countsAgree, value.countsAgree());
      rows.setString(extraFields, value.extraFields());
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

    TableRow row(
        Binary id,
        Binary userExam,
        Binary baseExam,
        Binary exam,
        Binary question,
        Attempt.Question value) {
      rows.clear();
      rows.setString(keenId, id);
      rows.setString(userExamId, userExam);
      rows.setString(baseExamId, baseExam);
      rows.setString(examName, exam);
      rows.setString(questionId, question);
      rows.setInt(position, value.position());
      rows.setBoolean(userCorrect, value.userCorrect());
      rows.setBoolean(userIncomplete, value.userIncomplete());
      rows.setBoolean(userSubmitted, value.userSubmitted());
      rows.setString(userResult, value.userResult());
      rows.setInt(optionCount, value.options().size());
      int correct = 0;
      int checked = 0;
      int checkedCorrect = 0;
      for (Attempt.Option option : value.options()) {
        boolean isChecked = Boolean.TRUE.equals(option.checked());
        correct += option.correct() ? 1 : 0;
        checked += isChecked ? 1 : 0;
        checkedCorrect += isChecked && option.correct() ? 1 : 0;
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

    TableRow row(Binary id, Binary question, Attempt.Option value) {
      rows.clear();
      rows.setString(keenId, id);
      rows.setString(questionId, question);
      rows.setString(optionId, value.id());
      rows.setInt(position, value.position());
      rows.setBoolean(checked, value.checked());
      rows.setBoolean(correct, value.correct());
      rows.setBoolean(submitted, value.submitted());
      rows.setLong(at, value.atMicros());
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

    TableRow row(Binary id, Binary topic, int partition, long offset, boolean same, long landedAtMicros) {
      rows.clear();
      rows.setString(keenId, id);
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
        Binary topic, int partition, long offset, ParseOutcome.Rejected rejected, String text, long landedAtMicros) {
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

package io.edpipe.bench;

/**
 * The three tables the hand-written plans land, as Spark SQL expressions over the parsed event {@code e}, a
 * question {@code q} and an option {@code o}: the columns of edpipe's attempts, questions and options (without
 * what only edpipe does: de-duplication, quarantine, extra_fields, counts_agree, landed_at).
 */
final class PlanTables {
  /** Over {@code e}, and the message's {@code kafka_*} columns and {@code content_hash}. */
  static final String[] ATTEMPTS = {
    "e.keen_id AS keen_id",
    "e.user_exam_id AS user_exam_id",
    "e.base_exam_id AS base_exam_id",
    "e.exam_name AS exam_name",
    "CAST(e.started_at AS TIMESTAMP) AS started_at",
    "timestamp_micros(CAST(CAST(e.keen_timestamp AS DECIMAL(20, 7)) * 1000000 AS BIGINT)) AS keen_timestamp",
    "timestamp_micros(CAST(CAST(e.keen_created_at AS DECIMAL(20, 7)) * 1000000 AS BIGINT)) AS keen_created_at",
    "CAST(e.max_attempts AS DOUBLE) AS max_attempts",
    "CAST(e.certification AS BOOLEAN) AS certification",
    "e.sequences.id AS sequence_id",
    "CAST(e.sequences.attempt AS INT) AS attempt",
    "size(e.sequences.questions) AS question_count",
    "CAST(e.sequences.counts.correct AS INT) AS correct",
    "CAST(e.sequences.counts.incorrect AS INT) AS incorrect",
    "CAST(e.sequences.counts.unanswered AS INT) AS unanswered",
    "CAST(e.sequences.counts.incomplete AS INT) AS incomplete",
    "CAST(e.sequences.counts.submitted AS INT) AS submitted",
    "CAST(e.sequences.counts.total AS INT) AS total",
    "e.sequences.counts.all_correct AS all_correct",
    "CASE WHEN e.sequences.counts.total > 0 THEN e.sequences.counts.correct / e.sequences.counts.total END AS score",
    "content_hash",
    "kafka_topic",
    "kafka_partition",
    "kafka_offset"
  };

  /** What a question row keeps of its event. */
  static final String[] EVENT_OF_QUESTION = {
    "e.keen_id AS keen_id", "e.user_exam_id AS user_exam_id", "e.base_exam_id AS base_exam_id", "e.exam_name AS exam_name"
  };

  /** Over the event's columns, {@code q} and its 1-based {@code position}. */
  static final String[] QUESTIONS = {
    "keen_id",
    "user_exam_id",
    "base_exam_id",
    "exam_name",
    "q.id AS question_id",
    "position",
    "q.user_correct AS user_correct",
    "q.user_incomplete AS user_incomplete",
    "q.user_submitted AS user_submitted",
    "q.user_result AS user_result",
    "size(q.options) AS option_count",
    "size(filter(q.options, o -> o.correct)) AS correct_options",
    "size(filter(q.options, o -> o.checked)) AS checked_options",
    "size(filter(q.options, o -> o.checked AND o.correct)) AS checked_correct_options"
  };

  /** Over {@code keen_id}, {@code question_id}, {@code o} and its 1-based {@code position}. */
  static final String[] OPTIONS = {
    "keen_id",
    "question_id",
    "o.id AS option_id",
    "position",
    "o.checked AS checked",
    "coalesce(o.correct, false) AS correct",
    "coalesce(o.submitted = 1, false) AS submitted",
    "CAST(o.`at` AS TIMESTAMP) AS `at`"
  };

  private PlanTables() {}
}

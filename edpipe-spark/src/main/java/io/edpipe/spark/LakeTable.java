package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

/**
 * The landed tables: the public contract that queries, the report and customers' notebooks rely on. Column
 * lists change only by adding columns.
 */
public enum LakeTable {
  ATTEMPTS(
      "attempts",
      """
      keen_id STRING COMMENT 'the attempt id; one row per distinct keen_id',
      user_exam_id STRING,
      base_exam_id STRING,
      exam_name STRING,
      started_at TIMESTAMP,
      keen_timestamp TIMESTAMP COMMENT 'epoch-second string converted',
      keen_created_at TIMESTAMP COMMENT 'epoch-second string converted',
      max_attempts DOUBLE,
      certification BOOLEAN COMMENT 'null when absent or null',
      sequence_id STRING,
      attempt INT,
      question_count INT COMMENT 'length of the questions array',
      correct INT COMMENT 'from sequences.counts; null when absent',
      incorrect INT,
      unanswered INT,
      incomplete INT,
      submitted INT,
      total INT,
      all_correct BOOLEAN,
      score DOUBLE COMMENT 'correct/total; null when counts are absent or total is 0',
      content_hash BIGINT COMMENT 'xxhash64 of the message bytes: tells identical duplicates',
      kafka_topic STRING,
      kafka_partition INT,
      kafka_offset BIGINT,
      landed_at TIMESTAMP"""),
  QUESTIONS(
      "questions",
      """
      keen_id STRING,
      user_exam_id STRING,
      base_exam_id STRING,
      exam_name STRING,
      question_id STRING,
      position INT COMMENT '1-based order in the attempt',
      user_correct BOOLEAN,
      user_incomplete BOOLEAN,
      user_submitted BOOLEAN,
      user_result STRING,
      option_count INT,
      correct_options INT,
      checked_options INT,
      checked_correct_options INT"""),
  OPTIONS(
      "options",
      """
      keen_id STRING,
      question_id STRING,
      option_id STRING,
      position INT COMMENT '1-based order in the question',
      checked BOOLEAN,
      correct BOOLEAN COMMENT 'false when the key is absent',
      submitted BOOLEAN COMMENT 'true when submitted is 1',
      at TIMESTAMP COMMENT 'null when absent'"""),
  DUPLICATES(
      "duplicates",
      """
      keen_id STRING,
      kafka_topic STRING,
      kafka_partition INT,
      kafka_offset BIGINT,
      identical BOOLEAN COMMENT 'same bytes as the landed copy',
      landed_at TIMESTAMP"""),
  QUARANTINE(
      "quarantine",
      """
      kafka_topic STRING,
      kafka_partition INT,
      kafka_offset BIGINT,
      reason STRING COMMENT 'stable rule code, e.g. invalid_json',
      detail STRING,
      raw STRING COMMENT 'the message text',
      landed_at TIMESTAMP""");

  private final String tableName;
  private final String columns;

  LakeTable(String tableName, String columns) {
    this.tableName = requireNonNull(tableName, "tableName is null");
    this.columns = requireNonNull(columns, "columns is null");
  }

  /** The name queries use, e.g. {@code attempts}. */
  public String tableName() {
    return tableName;
  }

  /** The column definitions, as in CREATE TABLE. */
  public String columns() {
    return columns;
  }
}

package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The landed tables: the public contract that queries, the report and customers' notebooks rely on. Column
 * lists change only by adding columns.
 */
public enum LakeTable {
  ATTEMPTS(
      "attempts",
      List.of(
          column("keen_id", "STRING", "the attempt id; one row per distinct keen_id"),
          column("user_exam_id", "STRING"),
          column("base_exam_id", "STRING"),
          column("exam_name", "STRING"),
          column("started_at", "TIMESTAMP"),
          column("keen_timestamp", "TIMESTAMP", "epoch-second string converted"),
          column("keen_created_at", "TIMESTAMP", "epoch-second string converted"),
          column("max_attempts", "DOUBLE"),
          column("certification", "BOOLEAN", "null when absent or null"),
          column("sequence_id", "STRING"),
          column("attempt", "INT"),
          column("question_count", "INT", "length of the questions array"),
          column("correct", "INT", "from sequences.counts; null when absent"),
          column("incorrect", "INT"),
          column("unanswered", "INT"),
          column("incomplete", "INT"),
          column("submitted", "INT"),
          column("total", "INT"),
          column("all_correct", "BOOLEAN"),
          column("score", "DOUBLE", "correct/total; null when counts are absent or total is 0"),
          column("content_hash", "BIGINT", "xxhash64 of the message bytes: tells identical duplicates"),
          column("kafka_topic", "STRING"),
          column("kafka_partition", "INT"),
          column("kafka_offset", "BIGINT"),
          column("landed_at", "TIMESTAMP"),
          column(
              "counts_agree",
              "BOOLEAN",
              "false when sequences.counts disagree with the questions (landed as sent); null without counts"),
          column(
              "extra_fields",
              "STRING",
              "fields outside the contract, as a JSON object keyed by their path; null when there are none"),
          Shared.CUSTOMER)),
  QUESTIONS(
      "questions",
      List.of(
          column("keen_id", "STRING"),
          column("user_exam_id", "STRING"),
          column("base_exam_id", "STRING"),
          column("exam_name", "STRING"),
          column("question_id", "STRING"),
          column("position", "INT", "1-based order in the attempt"),
          column("user_correct", "BOOLEAN"),
          column("user_incomplete", "BOOLEAN"),
          column("user_submitted", "BOOLEAN"),
          column("user_result", "STRING"),
          column("option_count", "INT"),
          column("correct_options", "INT"),
          column("checked_options", "INT"),
          column("checked_correct_options", "INT"),
          Shared.CUSTOMER)),
  OPTIONS(
      "options",
      List.of(
          column("keen_id", "STRING"),
          column("question_id", "STRING"),
          column("option_id", "STRING"),
          column("position", "INT", "1-based order in the question"),
          column("checked", "BOOLEAN"),
          column("correct", "BOOLEAN", "false when the key is absent"),
          column("submitted", "BOOLEAN", "true when submitted is 1"),
          column("at", "TIMESTAMP", "null when absent"),
          Shared.CUSTOMER)),
  DUPLICATES(
      "duplicates",
      List.of(
          column("keen_id", "STRING"),
          column("kafka_topic", "STRING"),
          column("kafka_partition", "INT"),
          column("kafka_offset", "BIGINT"),
          column("identical", "BOOLEAN", "same bytes as the landed copy"),
          column("landed_at", "TIMESTAMP"),
          Shared.CUSTOMER)),
  QUARANTINE(
      "quarantine",
      List.of(
          column("kafka_topic", "STRING"),
          column("kafka_partition", "INT"),
          column("kafka_offset", "BIGINT"),
          column("reason", "STRING", "stable rule code, e.g. invalid_json"),
          column("detail", "STRING"),
          column("raw", "STRING", "the message text"),
          column("landed_at", "TIMESTAMP"),
          Shared.CUSTOMER));

  /** The column every table has, by which {@code edpipe serve} gives a customer only its own rows. */
  public static final String CUSTOMER_COLUMN = "customer";

  /** Columns of every table (a holder: enum constants cannot refer to the enum's own static fields). */
  private static final class Shared {
    static final Column CUSTOMER =
        new Column(
            CUSTOMER_COLUMN,
            "STRING",
            "the customer (publisher) of the message: its customer header, else the lake's default customer; null"
                + " when the header is not a valid customer id (quarantine only)");
  }

  private final String tableName;
  private final List<Column> columns;

  LakeTable(String tableName, List<Column> columns) {
    this.tableName = requireNonNull(tableName, "tableName is null");
    this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
  }

  /** One column of the contract. */
  public record Column(String name, String type, String comment) {
    public Column {
      requireNonNull(name, "name is null");
      requireNonNull(type, "type is null");
    }

    /** As in CREATE TABLE or ALTER TABLE ... ADD COLUMNS. */
    public String definition() {
      return name + " " + type + (comment == null ? "" : " COMMENT '" + comment.replace("'", "\\'") + "'");
    }
  }

  private static Column column(String name, String type) {
    return new Column(name, type, null);
  }

  private static Column column(String name, String type, String comment) {
    return new Column(name, type, comment);
  }

  /** The name queries use, e.g. {@code attempts}. */
  public String tableName() {
    return tableName;
  }

  /** The columns, in order. */
  public List<Column> columns() {
    return columns;
  }

  /** The column definitions, as in CREATE TABLE. */
  public String columnDefinitions() {
    return String.join(", ", columns.stream().map(Column::definition).toList());
  }
}

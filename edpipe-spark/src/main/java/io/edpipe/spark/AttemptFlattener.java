package io.edpipe.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Pure transforms from parsed messages ({@link ParsedMessageSchema#MESSAGE}) to the landed tables. No I/O: the
 * caller reads and writes.
 *
 * <p>Which copy of a keen_id is the attempt: the one already landed, if any (matched by topic, partition and
 * offset, so that a replayed batch classifies every message as it did the first time); otherwise the first in
 * the batch by topic, partition, offset. Every other copy is a duplicate.
 */
public final class AttemptFlattener {
  private static final String KEEPER = "is_keeper";
  private static final String IDENTICAL = "identical";

  private AttemptFlattener() {}

  /** Messages that could not be parsed, with their reason. */
  public static Dataset<Row> quarantine(Dataset<Row> parsed, Column landedAt) {
    return parsed
        .where(col("reason").isNotNull())
        .select(
            col("kafka_topic"),
            col("kafka_partition"),
            col("kafka_offset"),
            col("reason"),
            col("detail"),
            col("raw"),
            landedAt.as("landed_at"));
  }

  /**
   * Parsed attempts, each marked {@code is_keeper} (the copy that lands in {@code attempts}) and {@code identical}
   * (same bytes as the keeper).
   *
   * @param landed the keen_id, kafka_topic, kafka_partition, kafka_offset and content_hash of landed attempts
   */
  public static Dataset<Row> classify(Dataset<Row> parsed, Dataset<Row> landed) {
    Dataset<Row> attempts = parsed.where(col("reason").isNull());
    Dataset<Row> landedCopies =
        landed.select(
            col("keen_id").as("landed_keen_id"),
            col("kafka_topic").as("landed_topic"),
            col("kafka_partition").as("landed_partition"),
            col("kafka_offset").as("landed_offset"),
            col("content_hash").as("landed_hash"));
    WindowSpec byArrival =
        Window.partitionBy("keen_id").orderBy(col("kafka_topic"), col("kafka_partition"), col("kafka_offset"));
    Column isLanded = col("landed_keen_id").isNotNull();
    Column isLandedCopy =
        col("landed_topic")
            .equalTo(col("kafka_topic"))
            .and(col("landed_partition").equalTo(col("kafka_partition")))
            .and(col("landed_offset").equalTo(col("kafka_offset")));
    Column keeperHash = when(isLanded, col("landed_hash")).otherwise(first("content_hash").over(byArrival));
    return attempts
        .join(landedCopies, attempts.col("keen_id").equalTo(landedCopies.col("landed_keen_id")), "left_outer")
        .withColumn(KEEPER, when(isLanded, isLandedCopy).otherwise(row_number().over(byArrival).equalTo(lit(1))))
        .withColumn(IDENTICAL, keeperHash.equalTo(col("content_hash")))
        .drop("landed_keen_id", "landed_topic", "landed_partition", "landed_offset", "landed_hash");
  }

  /** One row per kept attempt. */
  public static Dataset<Row> attempts(Dataset<Row> classified, Column landedAt) {
    return classified
        .where(col(KEEPER))
        .selectExpr(
            "keen_id",
            "user_exam_id",
            "base_exam_id",
            "exam_name",
            "timestamp_micros(started_at_us) AS started_at",
            "timestamp_micros(keen_timestamp_us) AS keen_timestamp",
            "timestamp_micros(keen_created_at_us) AS keen_created_at",
            "max_attempts",
            "certification",
            "sequence_id",
            "attempt",
            "question_count",
            "correct",
            "incorrect",
            "unanswered",
            "incomplete",
            "submitted",
            "total",
            "all_correct",
            "score",
            "content_hash",
            "kafka_topic",
            "kafka_partition",
            "kafka_offset",
            "counts_agree",
            "extra_fields")
        .withColumn("landed_at", landedAt);
  }

  /** Copies of an attempt already kept. */
  public static Dataset<Row> duplicates(Dataset<Row> classified, Column landedAt) {
    return classified
        .where(col(KEEPER).unary_$bang())
        .select(
            col("keen_id"),
            col("kafka_topic"),
            col("kafka_partition"),
            col("kafka_offset"),
            col(IDENTICAL),
            landedAt.as("landed_at"));
  }

  /**
   * One row per question of each kept attempt, keeping the source offsets and the nested options so that {@link
   * #options} needs no second parse. Project with {@link #questions} for the table.
   */
  public static Dataset<Row> questionsWithOptions(Dataset<Row> classified) {
    return classified
        .where(col(KEEPER))
        .selectExpr(
            "kafka_topic",
            "kafka_partition",
            "kafka_offset",
            "keen_id",
            "user_exam_id",
            "base_exam_id",
            "exam_name",
            "inline(questions)");
  }

  /** The {@code questions} table's columns. */
  public static Dataset<Row> questions(Dataset<Row> questionsWithOptions) {
    return questionsWithOptions.selectExpr(
        "keen_id",
        "user_exam_id",
        "base_exam_id",
        "exam_name",
        "question_id",
        "position",
        "user_correct",
        "user_incomplete",
        "user_submitted",
        "user_result",
        "option_count",
        "correct_options",
        "checked_options",
        "checked_correct_options");
  }

  /** One row per option, from {@link #questionsWithOptions}; keeps the source offsets. */
  public static Dataset<Row> optionsWithOffsets(Dataset<Row> questionsWithOptions) {
    return questionsWithOptions
        .selectExpr("kafka_topic", "kafka_partition", "kafka_offset", "keen_id", "question_id", "inline(options)")
        .selectExpr(
            "kafka_topic",
            "kafka_partition",
            "kafka_offset",
            "keen_id",
            "question_id",
            "option_id",
            "position",
            "checked",
            "correct",
            "submitted",
            "timestamp_micros(at_us) AS at");
  }
}

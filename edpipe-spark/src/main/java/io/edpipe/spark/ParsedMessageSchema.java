package io.edpipe.spark;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The explicit schema of a parsed message: where it came from, why it was rejected (if it was), and the attempt
 * with its questions and their options nested, so that each table is a projection or an {@code inline} of one
 * parse. Times are epoch microseconds here ({@code *_us}); the tables hold them as TIMESTAMP.
 */
final class ParsedMessageSchema {
  static final StructType OPTION =
      createStructType(
          List.of(
              createStructField("option_id", StringType, true),
              createStructField("position", IntegerType, false),
              createStructField("checked", BooleanType, true),
              createStructField("correct", BooleanType, false),
              createStructField("submitted", BooleanType, false),
              createStructField("at_us", LongType, true)));

  static final StructType QUESTION =
      createStructType(
          List.of(
              createStructField("question_id", StringType, true),
              createStructField("position", IntegerType, false),
              createStructField("user_correct", BooleanType, true),
              createStructField("user_incomplete", BooleanType, true),
              createStructField("user_submitted", BooleanType, true),
              createStructField("user_result", StringType, true),
              createStructField("option_count", IntegerType, false),
              createStructField("correct_options", IntegerType, false),
              createStructField("checked_options", IntegerType, false),
              createStructField("checked_correct_options", IntegerType, false),
              createStructField("options", createArrayType(OPTION, false), false)));

  static final StructType MESSAGE =
      createStructType(
          List.of(
              createStructField("kafka_topic", StringType, false),
              createStructField("kafka_partition", IntegerType, false),
              createStructField("kafka_offset", LongType, false),
              createStructField("content_hash", LongType, false),
              createStructField("reason", StringType, true),
              createStructField("detail", StringType, true),
              createStructField("raw", StringType, true),
              createStructField("keen_id", StringType, true),
              createStructField("user_exam_id", StringType, true),
              createStructField("base_exam_id", StringType, true),
              createStructField("exam_name", StringType, true),
              createStructField("started_at_us", LongType, true),
              createStructField("keen_timestamp_us", LongType, true),
              createStructField("keen_created_at_us", LongType, true),
              createStructField("max_attempts", DoubleType, true),
              createStructField("certification", BooleanType, true),
              createStructField("sequence_id", StringType, true),
              createStructField("attempt", IntegerType, true),
              createStructField("question_count", IntegerType, true),
              createStructField("correct", IntegerType, true),
              createStructField("incorrect", IntegerType, true),
              createStructField("unanswered", IntegerType, true),
              createStructField("incomplete", IntegerType, true),
              createStructField("submitted", IntegerType, true),
              createStructField("total", IntegerType, true),
              createStructField("all_correct", BooleanType, true),
              createStructField("score", DoubleType, true),
              createStructField("counts_agree", BooleanType, true),
              createStructField("extra_fields", StringType, true),
              createStructField("questions", createArrayType(QUESTION, false), true)));

  private ParsedMessageSchema() {}
}

package io.edpipe.bench;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * The raw event as the JSON holds it, for the engines the bench compares edpipe with: every top-level value is a
 * string ({@code "keen_timestamp":"1516717442.735266"}, {@code "certification":"false"}), kept as such; the nested
 * values are JSON booleans, numbers and strings. Derived from the real sample (real-sample.jsonl) and the
 * dataset's documented shape (shared/data/dataset-facts.md).
 */
public final class RawEventSchema {
  /** An option: keys appear only when they apply ({@code correct} when true, {@code at}/{@code submitted} when touched). */
  public static final StructType OPTION =
      new StructType()
          .add("checked", BooleanType)
          .add("at", StringType)
          .add("id", StringType)
          .add("submitted", LongType)
          .add("correct", BooleanType);

  public static final StructType QUESTION =
      new StructType()
          .add("user_incomplete", BooleanType)
          .add("user_correct", BooleanType)
          .add("options", new ArrayType(OPTION, true))
          .add("user_submitted", BooleanType)
          .add("id", StringType)
          .add("user_result", StringType);

  public static final StructType COUNTS =
      new StructType()
          .add("incomplete", LongType)
          .add("submitted", LongType)
          .add("incorrect", LongType)
          .add("all_correct", BooleanType)
          .add("correct", LongType)
          .add("total", LongType)
          .add("unanswered", LongType);

  public static final StructType SEQUENCES =
      new StructType()
          .add("questions", new ArrayType(QUESTION, true))
          .add("attempt", LongType)
          .add("id", StringType)
          .add("counts", COUNTS);

  public static final StructType EVENT =
      new StructType()
          .add("keen_timestamp", StringType)
          .add("max_attempts", StringType)
          .add("started_at", StringType)
          .add("base_exam_id", StringType)
          .add("user_exam_id", StringType)
          .add("sequences", SEQUENCES)
          .add("keen_created_at", StringType)
          .add("certification", StringType)
          .add("keen_id", StringType)
          .add("exam_name", StringType);

  private RawEventSchema() {}
}

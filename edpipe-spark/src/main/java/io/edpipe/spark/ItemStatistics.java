package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import io.edpipe.core.items.AttemptResponses;
import io.edpipe.core.items.ExamAnalysis;
import io.edpipe.core.items.ExamResponses;
import io.edpipe.core.items.ExamStatistics;
import io.edpipe.core.items.ItemAnalyzer;
import io.edpipe.core.items.OptionResponse;
import io.edpipe.core.items.OptionStatistics;
import io.edpipe.core.items.QuestionResponse;
import io.edpipe.core.items.QuestionStatistics;
import io.edpipe.core.items.Scoring;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Item analysis over the landed tables: Spark gathers each exam's responses (one attempt per user_exam_id, the
 * first landed by topic, partition and offset; attempts without questions left out and counted), and {@link
 * ItemAnalyzer} computes the statistics of each exam on the executors.
 *
 * <p>The views {@code exam_stats}, {@code item_stats} and {@code option_stats} hold both scorings, told apart by
 * their {@code scoring} column. They are computed when queried, so they always reflect the landed tables.
 */
public final class ItemStatistics {
  public static final String EXAM_STATS = "exam_stats";
  public static final String ITEM_STATS = "item_stats";
  public static final String OPTION_STATS = "option_stats";

  static final StructType EXAM_SCHEMA =
      new StructType()
          .add("exam_name", DataTypes.StringType)
          .add("attempts", DataTypes.LongType)
          .add("without_questions", DataTypes.LongType)
          .add("repeats", DataTypes.LongType)
          .add("questions", DataTypes.IntegerType)
          .add("form", DataTypes.StringType)
          .add("items", DataTypes.IntegerType)
          .add("mean", DataTypes.DoubleType)
          .add("median", DataTypes.DoubleType)
          .add("sd", DataTypes.DoubleType)
          .add("skewness", DataTypes.DoubleType)
          .add("kurtosis", DataTypes.DoubleType)
          .add("cic", DataTypes.DoubleType)
          .add("error_ratio", DataTypes.DoubleType)
          .add("standard_error", DataTypes.DoubleType)
          .add("scoring", DataTypes.StringType);

  static final StructType ITEM_SCHEMA =
      new StructType()
          .add("exam_name", DataTypes.StringType)
          .add("question_id", DataTypes.StringType)
          .add("attempts", DataTypes.LongType)
          .add("facility", DataTypes.DoubleType)
          .add("sd", DataTypes.DoubleType)
          .add("discrimination_index", DataTypes.DoubleType)
          .add("discriminative_efficiency", DataTypes.DoubleType)
          .add("effective_weight", DataTypes.DoubleType)
          .add("scoring", DataTypes.StringType);

  static final StructType OPTION_SCHEMA =
      new StructType()
          .add("exam_name", DataTypes.StringType)
          .add("question_id", DataTypes.StringType)
          .add("option_id", DataTypes.StringType)
          .add("correct", DataTypes.BooleanType)
          .add("attempts", DataTypes.LongType)
          .add("checked", DataTypes.LongType)
          .add("checked_share", DataTypes.DoubleType)
          .add("point_biserial", DataTypes.DoubleType)
          .add("flag", DataTypes.StringType)
          .add("scoring", DataTypes.StringType);

  private static final StructType ANALYSIS_SCHEMA =
      new StructType()
          .add("exam", EXAM_SCHEMA)
          .add("items", DataTypes.createArrayType(ITEM_SCHEMA))
          .add("options", DataTypes.createArrayType(OPTION_SCHEMA));

  /**
   * One row per exam: its kept attempts (attempt_id, questions in order, each with its options), and how many
   * attempts were left out.
   */
  private static final String RESPONSES =
      """
      WITH ranked AS (
        SELECT keen_id, coalesce(user_exam_id, keen_id) AS attempt_id, exam_name, question_count,
               row_number() OVER (PARTITION BY coalesce(user_exam_id, keen_id)
                                  ORDER BY kafka_topic, kafka_partition, kafka_offset) AS copy
        FROM attempts %1$s),
      kept AS (SELECT * FROM ranked WHERE copy = 1 AND question_count > 0),
      left_out AS (
        SELECT exam_name,
               count_if(copy = 1 AND coalesce(question_count, 0) = 0) AS without_questions,
               count_if(copy > 1) AS repeats
        FROM ranked GROUP BY exam_name),
      question_options AS (
        SELECT o.keen_id, o.question_id,
               collect_list(named_struct('option_id', o.option_id, 'checked', coalesce(o.checked, false),
                                         'correct', coalesce(o.correct, false))) AS options
        FROM options o JOIN kept k ON o.keen_id = k.keen_id
        GROUP BY o.keen_id, o.question_id),
      attempt_questions AS (
        SELECT k.exam_name, k.attempt_id,
               transform(
                 array_sort(collect_list(named_struct('position', q.position, 'question_id', q.question_id,
                                                      'user_correct', q.user_correct,
                                                      'options', coalesce(qo.options, CAST(array() AS %2$s)))),
                            (left, right) -> CASE WHEN left.position < right.position THEN -1
                                                  WHEN left.position > right.position THEN 1 ELSE 0 END),
                 question -> named_struct('question_id', question.question_id,
                                          'user_correct', question.user_correct, 'options', question.options))
                 AS questions
        FROM kept k
        JOIN questions q ON q.keen_id = k.keen_id
        LEFT JOIN question_options qo ON qo.keen_id = q.keen_id AND qo.question_id <=> q.question_id
        GROUP BY k.exam_name, k.attempt_id),
      exam_attempts AS (
        SELECT exam_name, collect_list(named_struct('attempt_id', attempt_id, 'questions', questions)) AS attempts
        FROM attempt_questions GROUP BY exam_name)
      SELECT l.exam_name, e.attempts, l.without_questions, l.repeats
      FROM left_out l LEFT JOIN exam_attempts e ON l.exam_name <=> e.exam_name""";

  private final SparkSession spark;

  public ItemStatistics(SparkSession spark) {
    this.spark = requireNonNull(spark, "spark is null");
  }

  /** Registers {@code exam_stats}, {@code item_stats} and {@code option_stats}: every exam, both scorings. */
  public void registerViews() {
    Dataset<Row> analysis = analysis(List.of(Scoring.values()), null);
    exams(analysis).createOrReplaceTempView(EXAM_STATS);
    items(analysis).createOrReplaceTempView(ITEM_STATS);
    options(analysis).createOrReplaceTempView(OPTION_STATS);
  }

  /**
   * The analysis of each exam (or of {@code exam} only, when not null) under each scoring: columns {@code exam}
   * (a struct), {@code items} and {@code options} (arrays of structs). Spread it with {@link #exams}, {@link
   * #items} and {@link #options}; cache it to read it more than once.
   */
  public Dataset<Row> analysis(List<Scoring> scorings, String exam) {
    String filter = exam == null ? "" : "WHERE exam_name = '" + exam.replace("'", "''") + "'";
    Dataset<Row> responses =
        spark.sql(RESPONSES.formatted(filter, "ARRAY<STRUCT<option_id: STRING, checked: BOOLEAN, correct: BOOLEAN>>"));
    return responses.flatMap(new AnalyzeExam(scorings), Encoders.row(ANALYSIS_SCHEMA));
  }

  /** A clear error for an exam name with no landed attempts, with the names it might have meant. */
  public void requireExam(String exam) {
    requireNonNull(exam, "exam is null");
    String quoted = "'" + exam.replace("'", "''") + "'";
    if (spark.sql("SELECT 1 FROM attempts WHERE exam_name = " + quoted + " LIMIT 1").isEmpty()) {
      List<String> similar =
          spark.sql(
                  "SELECT exam_name FROM attempts WHERE contains(lower(exam_name), lower(" + quoted + "))"
                      + " GROUP BY exam_name ORDER BY count(*) DESC, exam_name LIMIT 5")
              .collectAsList().stream()
              .map(row -> row.getString(0))
              .toList();
      throw new PipelineException(
          ErrorCode.BAD_USAGE,
          "Cannot analyse exam '%s': no landed attempt has that exam_name%s",
          exam,
          similar.isEmpty()
              ? " (edpipe query \"SELECT DISTINCT exam_name FROM attempts\" lists them)"
              : "; did you mean " + String.join(", ", similar.stream().map(name -> "'" + name + "'").toList()) + "?");
    }
  }

  public static Dataset<Row> exams(Dataset<Row> analysis) {
    return analysis.selectExpr("exam.*");
  }

  public static Dataset<Row> items(Dataset<Row> analysis) {
    return analysis.selectExpr("inline(items)");
  }

  public static Dataset<Row> options(Dataset<Row> analysis) {
    return analysis.selectExpr("inline(options)");
  }

  /** Runs {@link ItemAnalyzer} on one exam's responses, once per scoring. */
  private static final class AnalyzeExam implements FlatMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final List<Scoring> scorings;

    AnalyzeExam(List<Scoring> scorings) {
      this.scorings = List.copyOf(scorings);
    }

    @Override
    public Iterator<Row> call(Row exam) {
      ExamResponses responses = responses(exam);
      List<Row> rows = new ArrayList<>();
      for (Scoring scoring : scorings) {
        rows.add(row(new ItemAnalyzer(scoring).analyze(responses)));
      }
      return rows.iterator();
    }

    private static ExamResponses responses(Row exam) {
      List<AttemptResponses> attempts = new ArrayList<>();
      int attemptsField = exam.fieldIndex("attempts");
      List<Row> rows = exam.isNullAt(attemptsField) ? List.of() : exam.<Row>getList(attemptsField);
      for (Row attempt : rows) {
        List<QuestionResponse> questions = new ArrayList<>();
        for (Row question : attempt.<Row>getList(attempt.fieldIndex("questions"))) {
          List<OptionResponse> options = new ArrayList<>();
          for (Row option : question.<Row>getList(question.fieldIndex("options"))) {
            options.add(
                new OptionResponse(
                    option.getString(option.fieldIndex("option_id")),
                    option.getBoolean(option.fieldIndex("checked")),
                    option.getBoolean(option.fieldIndex("correct"))));
          }
          int userCorrect = question.fieldIndex("user_correct");
          questions.add(
              new QuestionResponse(
                  question.getString(question.fieldIndex("question_id")),
                  question.isNullAt(userCorrect) ? null : question.getBoolean(userCorrect),
                  options));
        }
        attempts.add(new AttemptResponses(attempt.getString(attempt.fieldIndex("attempt_id")), questions));
      }
      return new ExamResponses(
          exam.getString(exam.fieldIndex("exam_name")),
          attempts,
          exam.getLong(exam.fieldIndex("without_questions")),
          exam.getLong(exam.fieldIndex("repeats")));
    }

    private static Row row(ExamAnalysis analysis) {
      ExamStatistics exam = analysis.exam();
      Row examRow =
          RowFactory.create(
              exam.examName(),
              exam.attempts(),
              exam.withoutQuestions(),
              exam.repeats(),
              exam.questions(),
              exam.form().id(),
              exam.items(),
              exam.mean(),
              exam.median(),
              exam.sd(),
              exam.skewness(),
              exam.kurtosis(),
              exam.cic(),
              exam.errorRatio(),
              exam.standardError(),
              exam.scoring().id());
      List<Row> items = new ArrayList<>();
      for (QuestionStatistics question : analysis.questions()) {
        items.add(
            RowFactory.create(
                question.examName(),
                question.questionId(),
                question.attempts(),
                question.facility(),
                question.sd(),
                question.discriminationIndex(),
                question.discriminativeEfficiency(),
                question.effectiveWeight(),
                question.scoring().id()));
      }
      List<Row> options = new ArrayList<>();
      for (OptionStatistics option : analysis.options()) {
        options.add(
            RowFactory.create(
                option.examName(),
                option.questionId(),
                option.optionId(),
                option.correct(),
                option.attempts(),
                option.checked(),
                option.checkedShare(),
                option.pointBiserial(),
                option.flag() == null ? null : option.flag().description(),
                option.scoring().id()));
      }
      // a Row holds arrays as Scala sequences
      return RowFactory.create(examRow, CollectionConverters.asScala(items), CollectionConverters.asScala(options));
    }
  }
}

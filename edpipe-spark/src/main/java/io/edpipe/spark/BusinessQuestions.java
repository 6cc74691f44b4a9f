package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.table.ResultTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The standard business questions, answered with Spark SQL over the landed tables.
 *
 * <p>Which rows count: "attempts" are the distinct keen_ids of {@code attempts}; "messages" counts every copy
 * as published, which is what public analyses of the raw file report. Identical duplicates are copies of their
 * attempt and count with its content; duplicates whose content differs count in the message total only (their
 * content is not landed); quarantined messages count in the message total only.
 *
 * <p>Questions about attempts read the view {@code attempt_messages} (one row per attempt), which {@link #prepare}
 * caches for the session, even where {@code attempts} would do; only {@code count(*)} reads the table, which Iceberg
 * answers from its metadata.
 */
public final class BusinessQuestions {
  public static final String DEFAULT_EXAM = "Learning Git";

  /** The view {@code attempt_messages}: each attempt with its number of messages (itself and its identical copies). */
  public static final String ATTEMPT_MESSAGES_SQL =
      """
      SELECT a.*, 1 + coalesce(d.copies, 0) AS messages
      FROM attempts a
      LEFT JOIN (SELECT keen_id, count(*) AS copies FROM duplicates WHERE identical GROUP BY keen_id) d
        ON a.keen_id = d.keen_id""";

  private static final String ATTEMPT_MESSAGES = "attempt_messages";
  private static final int CONCURRENT_QUESTIONS = 4;

  private final SparkSession spark;
  private boolean prepared;

  public BusinessQuestions(SparkSession spark) {
    this.spark = requireNonNull(spark, "spark is null");
  }

  /**
   * Every answer, in reading order; {@code exam} names the exam whose attempts are counted. Prepares the view for
   * the questions and releases it after them, unless the caller {@link #prepare}d it.
   *
   * <p>The questions are asked {@value #CONCURRENT_QUESTIONS} at a time: each is a small job whose time goes mostly
   * to planning on the driver, so one at a time leaves executor cores idle (measured on the twin's lake, the
   * {@code answers} command, three runs each: 15.1 s instead of 17.0 s).
   */
  public List<ResultTable> answers(String exam) {
    List<BusinessQuestion> questions = questions(exam);
    boolean release = !prepared;
    prepare();
    try {
      List<Callable<ResultTable>> asking = new ArrayList<>();
      for (BusinessQuestion question : questions) {
        asking.add(() -> answer(question));
      }
      return Concurrently.call("edpipe-question", CONCURRENT_QUESTIONS, asking);
    } finally {
      if (release) {
        release();
      }
    }
  }

  /**
   * Makes the view {@code attempt_messages} and caches it in the session: all but a few questions read it, and
   * each would otherwise read the attempts' Parquet files and join the duplicates again. Costs one pass over
   * {@code attempts} (an in-memory copy of it, spilled to local disk when memory is short). Idempotent.
   */
  public BusinessQuestions prepare() {
    if (!prepared) {
      spark.sql(ATTEMPT_MESSAGES_SQL).createOrReplaceTempView(ATTEMPT_MESSAGES);
      spark.sql("CACHE TABLE " + ATTEMPT_MESSAGES);
      prepared = true;
    }
    return this;
  }

  /** Drops the cached copy that {@link #prepare} made; the view stays. */
  public void release() {
    if (prepared) {
      spark.sql("UNCACHE TABLE IF EXISTS " + ATTEMPT_MESSAGES);
      prepared = false;
    }
  }

  /** Answers one question; the view {@code attempt_messages} must exist (as {@link #prepare} makes it). */
  public ResultTable answer(BusinessQuestion question) {
    requireNonNull(question, "question is null");
    return switch (question.shape()) {
      case SCALAR -> scalar(question.id(), question.title(), question.note(), question.sql());
      case TABLE -> table(question.id(), question.title(), question.note(), question.sql());
    };
  }

  /** The questions, in reading order; {@code exam} names the exam whose attempts are counted. */
  public static List<BusinessQuestion> questions(String exam) {
    requireNonNull(exam, "exam is null");
    List<BusinessQuestion> questions = new ArrayList<>();
    questions.add(scalarQuestion("messages", "Messages landed", "attempts + duplicates + quarantine",
        "SELECT (SELECT count(*) FROM attempts) + (SELECT count(*) FROM duplicates) + (SELECT count(*) FROM quarantine)"));
    questions.add(scalarQuestion("distinct_attempts", "Distinct attempts (keen_id)", null, "SELECT count(*) FROM attempts"));
    questions.add(scalarQuestion("distinct_user_exam_ids", "Distinct user_exam_ids", null,
        "SELECT count(DISTINCT user_exam_id) FROM attempt_messages"));
    questions.add(scalarQuestion("duplicate_messages", "Duplicate messages", "copies of a keen_id already landed",
        "SELECT count(*) FROM duplicates"));
    questions.add(tableQuestion("duplicates_by_content", "Duplicate messages by content", "identical = same bytes as the attempt",
        "SELECT identical, count(*) AS messages FROM duplicates GROUP BY identical ORDER BY identical DESC"));
    questions.add(tableQuestion("duplicated_attempts", "Attempts that repeat, by number of copies", null,
        """
        SELECT copies, count(*) AS attempts FROM (
          SELECT 1 + count(*) AS copies FROM duplicates GROUP BY keen_id)
        GROUP BY copies ORDER BY copies DESC"""));
    questions.add(scalarQuestion("quarantined_messages", "Quarantined messages", null, "SELECT count(*) FROM quarantine"));
    questions.add(tableQuestion("quarantine_by_reason", "Quarantined messages by reason", null,
        "SELECT reason, count(*) AS messages FROM quarantine GROUP BY reason ORDER BY messages DESC, reason"));
    questions.add(scalarQuestion("exams", "Exams (distinct exam_name)", null, "SELECT count(DISTINCT exam_name) FROM attempt_messages"));
    questions.add(scalarQuestion("base_exam_ids", "Distinct base_exam_ids", null,
        "SELECT count(DISTINCT base_exam_id) FROM attempt_messages"));
    questions.add(tableQuestion("most_common_exams_by_messages", "Most common exams by messages", "top 5",
        examRanking("messages DESC, attempts DESC, exam_name", 5)));
    questions.add(tableQuestion("most_common_exams_by_attempts", "Most common exams by distinct attempts", "top 5",
        examRanking("attempts DESC, messages DESC, exam_name", 5)));
    questions.add(tableQuestion("least_common_exams_by_messages", "Least common exams by messages", "every exam tied at the fewest",
        examTies("messages")));
    questions.add(tableQuestion("least_common_exams_by_attempts", "Least common exams by distinct attempts",
        "every exam tied at the fewest", examTies("attempts")));
    questions.add(tableQuestion("exam_attempts", "Attempts of " + exam, null,
        "SELECT '" + exam.replace("'", "''") + "' AS exam_name, coalesce(sum(messages), 0) AS messages, count(*) AS attempts"
            + " FROM attempt_messages WHERE exam_name = '" + exam.replace("'", "''") + "'"));
    questions.add(tableQuestion("percent_correct", "Percent correct",
        "rows with sequences.counts; ratio of sums = 100 * sum(correct) / sum(total); mean of ratios = mean of 100 * correct / total",
        """
        SELECT 'distinct attempts' AS rows_counted, count(*) AS rows,
               sum(correct) AS sum_correct, sum(total) AS sum_total,
               round(100 * sum(correct) / sum(total), 3) AS ratio_of_sums_pct,
               round(100 * avg(score), 3) AS mean_of_ratios_pct
        FROM attempt_messages WHERE total IS NOT NULL AND total > 0
        UNION ALL
        SELECT 'messages', sum(messages), sum(messages * correct), sum(messages * total),
               round(100 * sum(messages * correct) / sum(messages * total), 3),
               round(100 * sum(messages * score) / sum(messages), 3)
        FROM attempt_messages WHERE total IS NOT NULL AND total > 0"""));
    questions.add(tableQuestion("all_correct", "All-correct attempts", "from sequences.counts.all_correct",
        valueCounts("CASE WHEN all_correct IS NULL THEN 'missing' ELSE string(all_correct) END")));
    questions.add(tableQuestion("questions_per_attempt", "Questions per attempt", "sequences.counts.total",
        valueCounts("CASE WHEN total IS NULL THEN 'missing' ELSE string(total) END")
            .replace("ORDER BY value", "ORDER BY try_cast(value AS INT) NULLS LAST")));
    questions.add(tableQuestion("certification", "Certification values", "null = absent or null in the message",
        valueCounts("CASE WHEN certification IS NULL THEN 'null' ELSE string(certification) END")));
    questions.add(tableQuestion("started_at_range", "started_at range (UTC)", null,
        "SELECT min(started_at) AS first, max(started_at) AS last FROM attempt_messages"));
    questions.add(tableQuestion("records_without_counts", "Records without sequences.counts", null,
        """
        SELECT coalesce(exam_name, 'null') AS exam_name, coalesce(base_exam_id, 'null') AS base_exam_id,
               sum(messages) AS messages, count(*) AS attempts
        FROM attempt_messages WHERE total IS NULL GROUP BY exam_name, base_exam_id ORDER BY messages DESC"""));
    return List.copyOf(questions);
  }

  private static String examRanking(String order, int limit) {
    return "SELECT exam_name, sum(messages) AS messages, count(*) AS attempts FROM attempt_messages"
        + " GROUP BY exam_name ORDER BY " + order + " LIMIT " + limit;
  }

  private static String examTies(String measure) {
    // the fewest from a second aggregation of the cached view, not from a window over all exams: Spark warns of a
    // window without PARTITION BY at every execution ("No Partition Defined"), 16 lines on stderr for two questions
    return "WITH per_exam AS (SELECT exam_name, sum(messages) AS messages, count(*) AS attempts FROM attempt_messages"
        + " GROUP BY exam_name) SELECT exam_name, messages, attempts FROM per_exam WHERE " + measure
        + " = (SELECT min(" + measure + ") FROM per_exam) ORDER BY exam_name";
  }

  private static String valueCounts(String valueExpression) {
    return "SELECT " + valueExpression + " AS value, sum(messages) AS messages, count(*) AS attempts"
        + " FROM attempt_messages GROUP BY 1 ORDER BY value";
  }

  private static BusinessQuestion scalarQuestion(String id, String title, String note, String sql) {
    return new BusinessQuestion(id, title, note, sql, BusinessQuestion.Shape.SCALAR);
  }

  private static BusinessQuestion tableQuestion(String id, String title, String note, String sql) {
    return new BusinessQuestion(id, title, note, sql, BusinessQuestion.Shape.TABLE);
  }

  private ResultTable scalar(String id, String title, String note, String sql) {
    Row row = spark.sql(sql).first();
    return ResultTable.scalar(id, title, note, row.get(0));
  }

  /** Runs any query into a result table. */
  public ResultTable table(String id, String title, String note, String sql) {
    return toTable(id, title, note, spark.sql(sql));
  }

  public static ResultTable toTable(String id, String title, String note, Dataset<Row> result) {
    List<String> columns = List.of(result.columns());
    List<List<Object>> rows = new ArrayList<>();
    for (Row row : result.collectAsList()) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        values.add(row.get(i));
      }
      rows.add(values);
    }
    return new ResultTable(id, title, note, columns, rows);
  }
}

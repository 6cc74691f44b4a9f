package io.edpipe.core.twin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The figures published for {@value #FILE_NAME}, which any run on that file (or on its exact twin) must answer.
 * Per-exam figures (records, distinct user_exam_ids, base_exam_id splits, sums of correct and total) are in
 * {@link ExamCatalog}.
 */
public final class PublishedFigures {
  public static final String FILE_NAME = "assessment-attempts-20180128-121051-nested.json";

  /** Array elements, i.e. Kafka messages. */
  public static final int RECORDS = 3_280;

  /** Distinct keen_id, which equals distinct user_exam_id. */
  public static final int DISTINCT_USER_EXAM_IDS = 3_242;

  /** Rows beyond the first of each user_exam_id; they are exact copies. */
  public static final int DUPLICATE_ROWS = 38;

  public static final int USER_EXAM_IDS_SEEN_THREE_TIMES = 18;
  public static final int USER_EXAM_IDS_SEEN_TWICE = 2;

  public static final int EXAM_NAMES = 103;
  public static final int BASE_EXAM_IDS = 107;

  public static final String MOST_COMMON_EXAM = "Learning Git";
  public static final int MOST_COMMON_EXAM_RECORDS = 394;
  public static final int MOST_COMMON_EXAM_DISTINCT_RECORDS = 390;
  public static final int MOST_COMMON_EXAM_QUESTIONS_PER_ATTEMPT = 5;
  public static final int MOST_COMMON_EXAM_SUM_CORRECT = 1_332;
  public static final int MOST_COMMON_EXAM_SUM_TOTAL = 1_970;
  public static final int MOST_COMMON_EXAM_ALL_CORRECT = 130;

  /** The exams with one record each. */
  public static final List<String> LEAST_COMMON_EXAMS =
      List.of(
          "Learning to Visualize Data with D3.js",
          "Native Web Apps for Android",
          "Nulls, Three-valued Logic and Missing Information",
          "Operating Red Hat Enterprise Linux Servers");

  /** Test data left in production: its records have no {@code sequences.counts}. */
  public static final String TEST_EXAM_NAME = "Example Exam For Development and Testing oh yeahsdf";

  public static final String TEST_BASE_EXAM_ID = "example-id";

  public static final int RECORDS_WITHOUT_COUNTS = 5;
  public static final int RECORDS_WITH_COUNTS = RECORDS - RECORDS_WITHOUT_COUNTS;

  public static final int ALL_CORRECT_TRUE = 841;
  public static final int ALL_CORRECT_FALSE = 2_434;
  public static final int ALL_CORRECT_MISSING = RECORDS_WITHOUT_COUNTS;

  /** Records by {@code sequences.counts.total}; the records without counts are not in it. */
  public static final SortedMap<Integer, Integer> QUESTIONS_PER_ATTEMPT = questionsPerAttempt();

  public static final int SUM_CORRECT = 9_212;
  public static final int SUM_TOTAL = 14_702;

  /** 100 * sum of correct / sum of total, rounded half up to 3 decimals. */
  public static final BigDecimal SCORE_PERCENT = new BigDecimal("62.658");

  /** 100 * mean over the records with counts of correct / total, rounded half up to 3 decimals. */
  public static final BigDecimal MEAN_SCORE_PERCENT = new BigDecimal("62.657");

  /** Records whose certification is the string "false"; it is never true. */
  public static final int CERTIFICATION_FALSE = 3_148;

  /** Records without certification (the twin leaves the key out). */
  public static final int CERTIFICATION_ABSENT = 132;

  /** The value of max_attempts in every record. */
  public static final String MAX_ATTEMPTS = "1.0";

  /** The earliest started_at, at the published minute precision. */
  public static final Instant STARTED_AT_MIN_MINUTE = Instant.parse("2017-11-21T00:42:00Z");

  /** The latest started_at, at the published minute precision. */
  public static final Instant STARTED_AT_MAX_MINUTE = Instant.parse("2018-01-28T19:17:00Z");

  private PublishedFigures() {}

  private static SortedMap<Integer, Integer> questionsPerAttempt() {
    TreeMap<Integer, Integer> records = new TreeMap<>();
    records.put(1, 56);
    records.put(2, 21);
    records.put(3, 239);
    records.put(4, 1_646);
    records.put(5, 940);
    records.put(6, 122);
    records.put(7, 177);
    records.put(8, 59);
    records.put(10, 14);
    records.put(20, 1);
    return Collections.unmodifiableSortedMap(records);
  }
}

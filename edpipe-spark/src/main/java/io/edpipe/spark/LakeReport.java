package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.items.Scoring;
import io.edpipe.core.table.ResultTable;
import io.edpipe.report.Block.Finding;
import io.edpipe.report.Block.Severity;
import io.edpipe.report.Block;
import io.edpipe.report.Chart;
import io.edpipe.report.Report;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The report's content, read from the landed tables with Spark SQL: the pipeline summary, the business questions,
 * charts, data-quality findings and per-exam item analysis.
 */
public final class LakeReport {
  /** Exams with fewer attempts give item statistics too noisy to act on. */
  static final int FEW_ATTEMPTS = 30;

  private static final int TOP_EXAMS = 15;
  private static final int QUESTIONS_PER_LIST = 5;
  private static final int AXIS_LABEL = 32;
  private static final int DAYS_FOR_DAILY = 3;

  private final SparkSession spark;
  private final Settings settings;

  /**
   * @param exam the exam the business questions count
   * @param source where the data comes from, for the subtitle (lake and topic), or null
   */
  public record Settings(String exam, Scoring scoring, String source) {
    public Settings {
      requireNonNull(exam, "exam is null");
      requireNonNull(scoring, "scoring is null");
    }
  }

  public LakeReport(SparkSession spark, Settings settings) {
    this.spark = requireNonNull(spark, "spark is null");
    this.settings = requireNonNull(settings, "settings is null");
  }

  /** The report, answering the business questions along the way. */
  public Report build() {
    IcebergLander.createTables(spark);
    return build(new BusinessQuestions(spark).answers(settings.exam()));
  }

  /** The report with business questions answered already (by {@link BusinessQuestions#answers}). */
  public Report build(List<ResultTable> answered) {
    IcebergLander.createTables(spark);
    Map<String, ResultTable> answers =
        answered.stream()
            .collect(Collectors.toMap(ResultTable::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    Dataset<Row> analysis = new ItemStatistics(spark).analysis(List.of(settings.scoring()), null).cache();
    try {
      ItemViews items = new ItemViews(analysis);
      List<Report.Section> sections = new ArrayList<>();
      sections.add(pipeline(answers));
      sections.add(charts());
      sections.add(new Report.Section(
          "answers",
          "Business questions",
          "The standard questions, answered with Spark SQL over the landed tables. \"attempts\" counts distinct"
              + " keen_ids; \"messages\" counts every copy as published, as public analyses of the raw file do.",
          answers.values().stream().map(table -> (Block) new Block.Table(table, 25)).toList()));
      sections.add(quality(answers, items));
      sections.add(itemAnalysis(items));
      return new Report(
          "edpipe report: assessment attempts", settings.source(), Instant.now().truncatedTo(ChronoUnit.SECONDS), headline(answers), sections);
    } finally {
      analysis.unpersist();
    }
  }

  private static List<Report.Metric> headline(Map<String, ResultTable> answers) {
    List<Report.Metric> metrics = new ArrayList<>();
    metrics.add(metric("Messages landed", answers.get("messages"), "attempts + duplicates + quarantine"));
    metrics.add(metric("Distinct attempts", answers.get("distinct_attempts"), null));
    metrics.add(metric("Duplicate messages", answers.get("duplicate_messages"), null));
    metrics.add(metric("Quarantined", answers.get("quarantined_messages"), null));
    metrics.add(metric("Exams", answers.get("exams"), null));
    List<Object> percent = answers.get("percent_correct").rows().get(0);
    metrics.add(new Report.Metric("Percent correct", percent.get(4) == null ? "\u2014" : percent.get(4) + " %",
        "over distinct attempts with counts"));
    return metrics;
  }

  private static Report.Metric metric(String label, ResultTable scalar, String note) {
    Object value = scalar.rows().get(0).get(0);
    return new Report.Metric(label, value instanceof Number number ? String.format(Locale.ROOT, "%,d", number.longValue()) : String.valueOf(value), note);
  }

  private Report.Section pipeline(Map<String, ResultTable> answers) {
    ResultTable outcomes =
        BusinessQuestions.toTable(
            "outcomes",
            "Messages by outcome",
            "every message lands in exactly one table",
            spark.sql(
                """
                SELECT 'attempts' AS landed_in, count(*) AS messages, 'parsed; the first copy of each keen_id' AS meaning FROM attempts
                UNION ALL SELECT 'duplicates', count(*), 'later copies of a keen_id already landed' FROM duplicates
                UNION ALL SELECT 'quarantine', count(*), 'could not be parsed; kept with the reason' FROM quarantine"""));
    return new Report.Section(
        "pipeline",
        "Pipeline summary",
        "What the lake holds: each Kafka message landed exactly once, in attempts, duplicates or quarantine.",
        List.of(
            new Block.Table(outcomes, 10),
            new Block.Table(answers.get("duplicates_by_content"), 10),
            new Block.Table(answers.get("quarantine_by_reason"), 20)));
  }

  private Report.Section charts() {
    List<Block> charts = new ArrayList<>();
    List<Row> exams =
        rows("SELECT exam_name, count(*) AS attempts, avg(score) * 100 AS percent FROM attempts"
            + " GROUP BY exam_name ORDER BY attempts DESC, exam_name LIMIT " + TOP_EXAMS);
    charts.add(new Chart(
        "attempts-per-exam",
        "Attempts per exam",
        "top " + TOP_EXAMS + " by distinct attempts",
        Chart.Kind.HORIZONTAL_BAR,
        exams.stream().map(row -> axisLabel(row.get(0))).toList(),
        List.of(Chart.Series.values("attempts", exams.stream().map(row -> (double) row.getLong(1)).toList())),
        "attempts",
        null));
    // bins: exactly 0 %, then (0, 10], (10, 20], ... (90, 100]: a score of 20 % is in (10, 20]
    List<Row> scores =
        rows("SELECT least(greatest(cast(ceil(score * 10 - 1e-9) AS INT), 0), 10) AS bin, count(*) FROM attempts"
            + " WHERE score IS NOT NULL GROUP BY 1 ORDER BY 1");
    double[] histogram = new double[11];
    scores.forEach(row -> histogram[row.getInt(0)] = row.getLong(1));
    List<String> bins = new ArrayList<>();
    List<Double> counts = new ArrayList<>();
    for (int bin = 0; bin <= 10; bin++) {
      bins.add(bin == 0 ? "0 %" : (bin * 10 - 10) + "\u2013" + bin * 10 + " %");
      counts.add(histogram[bin]);
    }
    charts.add(new Chart(
        "score-distribution",
        "Score distribution",
        "percent correct (counts.correct / counts.total) of distinct attempts with counts; bins include their upper"
            + " bound",
        Chart.Kind.BAR,
        bins,
        List.of(Chart.Series.values("attempts", counts)),
        "percent correct",
        "attempts"));
    List<Row> questions =
        rows("SELECT question_count, count(*) FROM attempts GROUP BY 1 ORDER BY 1");
    charts.add(new Chart(
        "questions-per-attempt",
        "Questions per attempt",
        "length of sequences.questions, distinct attempts",
        Chart.Kind.BAR,
        questions.stream().map(row -> row.isNullAt(0) ? "none" : String.valueOf(row.getInt(0))).toList(),
        List.of(Chart.Series.values("attempts", questions.stream().map(row -> (double) row.getLong(1)).toList())),
        "questions",
        "attempts"));
    charts.add(new Chart(
        "score-by-exam",
        "Score by exam",
        "mean percent correct, top " + TOP_EXAMS + " exams by attempts",
        Chart.Kind.HORIZONTAL_BAR,
        exams.stream().map(row -> axisLabel(row.get(0))).toList(),
        List.of(Chart.Series.values("mean percent correct",
            exams.stream().map(row -> row.isNullAt(2) ? null : Math.round(row.getDouble(2) * 10) / 10.0).toList())),
        "mean percent correct",
        null));
    charts.add(attemptsOverTime());
    return new Report.Section("charts", "Charts", null, charts);
  }

  /**
   * Attempts per day, or per hour when they span less than {@link #DAYS_FOR_DAILY} days (a line over one day would
   * be a single dot); bars for a few buckets, a line for many. Empty buckets are drawn as 0.
   */
  private Chart attemptsOverTime() {
    List<Row> hours =
        rows("SELECT floor(unix_seconds(started_at) / 3600) AS hour, count(*) FROM attempts"
            + " WHERE started_at IS NOT NULL GROUP BY 1 ORDER BY 1");
    boolean daily = !hours.isEmpty()
        && hours.get(hours.size() - 1).getLong(0) - hours.get(0).getLong(0) >= DAYS_FOR_DAILY * 24L;
    long bucketHours = daily ? 24 : 1;
    Map<Long, Long> counts = new LinkedHashMap<>();
    hours.forEach(row -> counts.merge(Math.floorDiv(row.getLong(0), bucketHours), row.getLong(1), Long::sum));
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    if (!counts.isEmpty()) {
      long first = counts.keySet().iterator().next();
      long last = Math.floorDiv(hours.get(hours.size() - 1).getLong(0), bucketHours);
      for (long bucket = first; bucket <= last; bucket++) {
        Instant start = Instant.ofEpochSecond(bucket * bucketHours * 3600);
        labels.add(daily ? start.toString().substring(0, 10) : start.toString().substring(0, 13).replace('T', ' ') + ":00");
        values.add((double) counts.getOrDefault(bucket, 0L));
      }
    }
    String unit = daily ? "day" : "hour";
    return new Chart(
        "attempts-over-time",
        "Attempts over time",
        "distinct attempts per " + unit + " of started_at (UTC)",
        labels.size() > 31 ? Chart.Kind.LINE : Chart.Kind.BAR,
        labels,
        List.of(Chart.Series.values("attempts", values)),
        unit,
        "attempts");
  }

  private Report.Section quality(Map<String, ResultTable> answers, ItemViews items) {
    List<Finding> findings = new ArrayList<>();
    Row duplicates = first("SELECT count(*), count_if(identical), count(DISTINCT keen_id) FROM duplicates");
    if (duplicates.getLong(0) == 0) {
      findings.add(new Finding(Severity.NOTE, "No duplicate messages.", null));
    } else {
      findings.add(new Finding(
          duplicates.getLong(0) == duplicates.getLong(1) ? Severity.NOTE : Severity.WARNING,
          duplicates.getLong(0) + " duplicate messages",
          "of " + duplicates.getLong(2) + " attempts (keen_ids); " + duplicates.getLong(1) + " are byte-for-byte copies,"
              + " " + (duplicates.getLong(0) - duplicates.getLong(1)) + " differ from the landed copy. Each attempt"
              + " counts once; the first copy by partition and offset is kept, the others are in duplicates."));
    }
    List<List<Object>> quarantine = answers.get("quarantine_by_reason").rows();
    long quarantined = (Long) answers.get("quarantined_messages").rows().get(0).get(0);
    findings.add(quarantined == 0
        ? new Finding(Severity.NOTE, "No message was quarantined.", "Every message parsed.")
        : new Finding(Severity.WARNING, quarantined + " messages quarantined",
            "by reason: " + quarantine.stream().map(row -> row.get(0) + " " + row.get(1)).collect(Collectors.joining(", "))
                + ". Their text is kept in quarantine."));
    for (List<Object> row : answers.get("records_without_counts").rows()) {
      findings.add(new Finding(Severity.NOTE,
          row.get(3) + " attempts without sequences.counts",
          "exam \"" + row.get(0) + "\" (base_exam_id " + row.get(1) + "): left out of percent correct and the score"
              + " charts; their questions still count in item analysis."));
    }
    Row disagree = first("SELECT count_if(NOT counts_agree), count_if(extra_fields IS NOT NULL),"
        + " count_if(certification IS NULL), count_if(certification), count(*) FROM attempts");
    if (disagree.getLong(0) > 0) {
      findings.add(new Finding(Severity.WARNING, disagree.getLong(0) + " attempts whose counts disagree with their questions",
          "landed as sent, with counts_agree = false; percent correct uses the counts."));
    }
    if (disagree.getLong(1) > 0) {
      findings.add(new Finding(Severity.NOTE, disagree.getLong(1) + " attempts with fields outside the contract",
          "kept in attempts.extra_fields as JSON keyed by path."));
    }
    findings.add(new Finding(Severity.NOTE, "certification absent or null in " + disagree.getLong(2) + " of "
        + disagree.getLong(4) + " attempts", "true in " + disagree.getLong(3) + "; a string \"false\" is read as false."));
    Row left = items.leftOut();
    if (left.getLong(0) > 0) {
      findings.add(new Finding(Severity.NOTE, left.getLong(0) + " attempts without questions",
          "left out of item analysis and counted in exam_stats.without_questions."));
    }
    if (left.getLong(1) > 0) {
      findings.add(new Finding(Severity.WARNING, left.getLong(1) + " attempts repeat a user_exam_id under another keen_id",
          "item analysis keeps the first landed; counted in exam_stats.repeats."));
    }
    List<Row> few = rows("SELECT exam_name FROM " + items.exams() + " WHERE attempts < " + FEW_ATTEMPTS);
    if (!few.isEmpty()) {
      findings.add(new Finding(Severity.WARNING, few.size() + " exams have fewer than " + FEW_ATTEMPTS + " attempts",
          "their item statistics are too noisy to act on; the report lists them but does not flag their questions."));
    }
    List<Row> negative = rows("SELECT exam_name, cic FROM " + items.exams() + " WHERE cic < 0 AND attempts >= "
        + FEW_ATTEMPTS + " ORDER BY cic");
    if (!negative.isEmpty()) {
      findings.add(new Finding(Severity.WARNING, negative.size() + " exams with a negative CIC (Cronbach's alpha)",
          "their questions pull against each other: " + negative.stream().limit(5)
              .map(row -> "\"" + row.get(0) + "\" " + String.format(Locale.ROOT, "%.1f", row.getDouble(1)))
              .collect(Collectors.joining(", ")) + (negative.size() > 5 ? ", ..." : "") + "."));
    }
    Row questions = first("SELECT count(*), count_if(discrimination_index < 0) FROM " + items.items()
        + " WHERE exam_name IN (SELECT exam_name FROM " + items.exams() + " WHERE attempts >= " + FEW_ATTEMPTS + ")");
    if (questions.getLong(1) > 0) {
      findings.add(new Finding(Severity.WARNING, questions.getLong(1) + " of " + questions.getLong(0)
          + " questions discriminate negatively", "students who did worse on the rest of the exam did better on them"
          + " (discrimination index below 0): check their keys and wording."));
    }
    Row flagged = first("SELECT count_if(flag IS NOT NULL) FROM " + items.options()
        + " WHERE exam_name IN (SELECT exam_name FROM " + items.exams() + " WHERE attempts >= " + FEW_ATTEMPTS + ")");
    if (flagged.getLong(0) > 0) {
      findings.add(new Finding(Severity.WARNING, flagged.getLong(0) + " options flagged in distractor analysis",
          "wrong options that strong students tick, or right options that weak students tick; see option_stats."));
    }
    return new Report.Section(
        "quality",
        "Data-quality findings",
        "What is odd in the data, how edpipe handles it, and what deserves a look. Everything odd in the data is kept:"
            + " nothing is dropped silently.",
        List.of(new Block.Findings(findings)));
  }

  private Report.Section itemAnalysis(ItemViews items) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Block.Paragraph(
        "Classical test theory, as Moodle's quiz statistics define it (" + settings.scoring().id() + " scoring; one"
            + " attempt per user_exam_id). Facility is the mean mark (0-1); the discrimination index is 100 x the"
            + " correlation of a question's mark with the rest of the exam; CIC is Cronbach's alpha in percent. The"
            + " same numbers are in the views exam_stats, item_stats and option_stats; edpipe items prints them."));
    String pointsQuery = "SELECT exam_name, question_id, facility, discrimination_index FROM " + items.items()
        + " WHERE discrimination_index IS NOT NULL";
    List<Row> wellAttempted = rows(pointsQuery + " AND exam_name IN (SELECT exam_name FROM " + items.exams()
        + " WHERE attempts >= " + FEW_ATTEMPTS + ")");
    List<Row> points = wellAttempted.isEmpty() ? rows(pointsQuery) : wellAttempted;
    String pointsNote = wellAttempted.isEmpty()
        ? "every question: no exam has " + FEW_ATTEMPTS + " attempts yet"
        : "questions of exams with at least " + FEW_ATTEMPTS + " attempts";
    blocks.add(new Chart(
        "facility-discrimination",
        "Facility and discrimination of every question",
        pointsNote + "; good questions sit high, away from facility 0 and 1",
        Chart.Kind.SCATTER,
        List.of(),
        List.of(Chart.Series.points("questions", points.stream()
            .map(row -> new Chart.Point(
                round(row.getDouble(2)), round(row.getDouble(3)), label(row.get(0)) + " / " + shortId(row.getString(1))))
            .toList())),
        "facility",
        "discrimination index"));
    blocks.add(new Block.Table(
        BusinessQuestions.toTable("exam_stats", "Exams", "by attempts; mean, median and sd in marks",
            spark.sql("SELECT exam_name, attempts, questions, form, mean, median, sd, cic, error_ratio, standard_error,"
                + " without_questions, repeats FROM " + items.exams() + " ORDER BY attempts DESC, exam_name")),
        200));
    // one query per level, split by exam here: a query per exam costs about 0.3 s, a hundred exams half a minute
    List<Row> exams = rows("SELECT exam_name, attempts, questions, cic FROM " + items.exams()
        + " WHERE attempts > 0 ORDER BY attempts DESC, exam_name");
    Map<String, List<List<Object>>> hardest = byExam(
        "SELECT exam_name, question_id, attempts, facility, sd, discrimination_index FROM " + items.items()
            + " ORDER BY exam_name, facility, question_id");
    Map<String, List<List<Object>>> leastDiscriminating = byExam(
        "SELECT exam_name, question_id, attempts, facility, discrimination_index, discriminative_efficiency,"
            + " effective_weight FROM " + items.items()
            + " ORDER BY exam_name, discrimination_index NULLS FIRST, question_id");
    Map<String, List<List<Object>>> flagged = byExam(
        "SELECT exam_name, question_id, option_id, correct, checked_share, point_biserial, flag FROM "
            + items.options() + " WHERE flag IS NOT NULL ORDER BY exam_name, abs(point_biserial) DESC");
    for (int i = 0; i < exams.size(); i++) {
      Row exam = exams.get(i);
      String name = exam.isNullAt(0) ? null : exam.getString(0);
      List<Block> details = new ArrayList<>();
      if (exam.getLong(1) < FEW_ATTEMPTS) {
        details.add(new Block.Paragraph("Fewer than " + FEW_ATTEMPTS + " attempts: read these statistics as a"
            + " sketch."));
      }
      details.add(new Block.Table(new ResultTable("hardest", "Hardest questions", "lowest facility",
          List.of("question_id", "attempts", "facility", "sd", "discrimination_index"),
          hardest.getOrDefault(name, List.of())), QUESTIONS_PER_LIST));
      details.add(new Block.Table(new ResultTable("least_discriminating", "Least discriminating questions",
          "lowest discrimination index; null (no variance) first",
          List.of("question_id", "attempts", "facility", "discrimination_index", "discriminative_efficiency",
              "effective_weight"),
          leastDiscriminating.getOrDefault(name, List.of())), QUESTIONS_PER_LIST));
      List<List<Object>> options = flagged.getOrDefault(name, List.of());
      if (!options.isEmpty()) {
        details.add(new Block.Table(new ResultTable("flagged_options", "Flagged options", "distractor analysis",
            List.of("question_id", "option_id", "correct", "checked_share", "point_biserial", "flag"), options), 10));
      }
      String cic = exam.isNullAt(3) ? "CIC \u2014" : String.format(Locale.ROOT, "CIC %.1f", exam.getDouble(3));
      blocks.add(new Block.Collapsible(
          label(name) + ": " + exam.getLong(1) + " attempts, " + exam.getInt(2) + " questions, " + cic,
          i == 0,
          details));
    }
    return new Report.Section("items", "Item analysis", null, blocks);
  }

  /** The rows of a query whose first column is exam_name, grouped by it (in query order), without that column. */
  private Map<String, List<List<Object>>> byExam(String sql) {
    Map<String, List<List<Object>>> groups = new HashMap<>();
    for (Row row : rows(sql)) {
      List<Object> values = new ArrayList<>();
      for (int i = 1; i < row.size(); i++) {
        values.add(row.get(i));
      }
      groups.computeIfAbsent(row.isNullAt(0) ? null : row.getString(0), name -> new ArrayList<>()).add(values);
    }
    return groups;
  }

  private List<Row> rows(String sql) {
    return spark.sql(sql).collectAsList();
  }

  private Row first(String sql) {
    return spark.sql(sql).first();
  }

  private static String label(Object examName) {
    return examName == null ? "(no exam_name)" : examName.toString();
  }

  /** A chart axis has room for about 32 characters of an exam name. */
  private static String axisLabel(Object examName) {
    String label = label(examName);
    return label.length() <= AXIS_LABEL ? label : label.substring(0, AXIS_LABEL - 1) + "\u2026";
  }

  private static String shortId(String id) {
    return id == null ? "(no id)" : id.length() > 8 ? id.substring(0, 8) : id;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  /** The cached analysis as temporary views the report's queries read. */
  private final class ItemViews {
    ItemViews(Dataset<Row> analysis) {
      ItemStatistics.exams(analysis).createOrReplaceTempView(exams());
      ItemStatistics.items(analysis).createOrReplaceTempView(items());
      ItemStatistics.options(analysis).createOrReplaceTempView(options());
    }

    String exams() {
      return "report_exam_stats";
    }

    String items() {
      return "report_item_stats";
    }

    String options() {
      return "report_option_stats";
    }

    /** Attempts without questions, and repeats of a user_exam_id, over every exam. */
    Row leftOut() {
      return first("SELECT coalesce(sum(without_questions), 0), coalesce(sum(repeats), 0) FROM " + exams());
    }
  }
}

package io.edpipe.core.twin;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The per-exam figures of the published file: one row per exam name with its records, distinct user_exam_ids,
 * base_exam_ids (with their record counts) and the sums of {@code sequences.counts.correct} and {@code total}
 * over its records, duplicates included. Validated on load.
 */
public final class ExamCatalog {
  /** The catalog of the published file, on the classpath. */
  public static final String RESOURCE = "/io/edpipe/core/twin/exam-catalog.csv";

  static final String HEADER = "exam_name,records,distinct_user_exam_ids,base_exam_ids,sum_correct,sum_total";

  private final List<Exam> exams;

  private ExamCatalog(List<Exam> exams) {
    this.exams = List.copyOf(exams);
  }

  /** The catalog of the published file. */
  public static ExamCatalog load() {
    InputStream in = ExamCatalog.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new PipelineException(ErrorCode.INTERNAL, "Cannot load exam catalog: %s is not on the classpath", RESOURCE);
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return read(reader, RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load exam catalog " + RESOURCE, e);
    }
  }

  /** Reads and validates a catalog in the format of {@link #RESOURCE}; {@code source} names it in errors. */
  public static ExamCatalog read(Reader reader, String source) {
    requireNonNull(reader, "reader is null");
    requireNonNull(source, "source is null");
    List<String> lines;
    try {
      lines = new BufferedReader(reader).lines().toList();
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("Cannot read exam catalog " + source, e.getCause());
    }
    if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
      throw invalid(source, 1, "the header must be " + HEADER);
    }
    List<Exam> exams = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> baseExamIds = new HashSet<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue; // a trailing empty line is not a row
      }
      Exam exam;
      try {
        exam = row(lines.get(i));
      } catch (IllegalArgumentException e) {
        throw invalid(source, i + 1, e.getMessage());
      }
      if (!names.add(exam.name())) {
        throw invalid(source, i + 1, "duplicate exam name " + exam.name());
      }
      for (BaseExam baseExam : exam.baseExams()) {
        if (!baseExamIds.add(baseExam.id())) {
          throw invalid(source, i + 1, "base_exam_id " + baseExam.id() + " appears twice");
        }
      }
      exams.add(exam);
    }
    if (exams.isEmpty()) {
      throw invalid(source, lines.size(), "no exams");
    }
    return new ExamCatalog(exams);
  }

  /** The exams in catalog order (most records first). */
  public List<Exam> exams() {
    return exams;
  }

  public Optional<Exam> exam(String name) {
    requireNonNull(name, "name is null");
    return exams.stream().filter(exam -> exam.name().equals(name)).findFirst();
  }

  public int records() {
    return exams.stream().mapToInt(Exam::records).sum();
  }

  public int distinctUserExamIds() {
    return exams.stream().mapToInt(Exam::distinctUserExamIds).sum();
  }

  public int baseExamIds() {
    return exams.stream().mapToInt(exam -> exam.baseExams().size()).sum();
  }

  private static Exam row(String line) {
    List<String> fields = CsvLine.fields(line);
    if (fields.size() != 6) {
      throw new IllegalArgumentException("expected 6 fields, found " + fields.size());
    }
    String name = fields.get(0);
    int records = positive("records", fields.get(1));
    int distinct = positive("distinct_user_exam_ids", fields.get(2));
    List<BaseExam> baseExams = baseExams(fields.get(3));
    Optional<Scores> scores = scores(fields.get(4), fields.get(5));
    return new Exam(name, records, distinct, baseExams, scores);
  }

  private static List<BaseExam> baseExams(String field) {
    List<BaseExam> baseExams = new ArrayList<>();
    for (String share : field.split(";", -1)) {
      int colon = share.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("base_exam_ids entry is not id:records (" + share + ")");
      }
      int records = positive("base_exam_ids records", share.substring(colon + 1));
      baseExams.add(new BaseExam(share.substring(0, colon), records));
    }
    return baseExams;
  }

  private static Optional<Scores> scores(String correct, String total) {
    if (correct.isEmpty() && total.isEmpty()) {
      return Optional.empty();
    }
    if (correct.isEmpty() || total.isEmpty()) {
      throw new IllegalArgumentException("sum_correct and sum_total must both be set or both be empty");
    }
    return Optional.of(new Scores(number("sum_correct", correct), number("sum_total", total)));
  }

  private static int positive(String column, String value) {
    int number = number(column, value);
    if (number < 1) {
      throw new IllegalArgumentException(column + " must be >= 1 (" + value + ")");
    }
    return number;
  }

  private static int number(String column, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(column + " is not an integer (" + value + ")", e);
    }
  }

  private static PipelineException invalid(String source, int line, String reason) {
    return new PipelineException(ErrorCode.BAD_INPUT, "Cannot read exam catalog %s: line %s: %s", source, line, reason);
  }

  /**
   * One exam name of the published file.
   *
   * @param records records, duplicates included
   * @param distinctUserExamIds records after removing duplicates
   * @param baseExams its base_exam_ids with their records; the records add up to {@code records}
   * @param scores sums over its records, duplicates included; empty for the test exam without counts
   */
  public record Exam(
      String name, int records, int distinctUserExamIds, List<BaseExam> baseExams, Optional<Scores> scores) {
    public Exam {
      requireNonNull(name, "name is null");
      baseExams = List.copyOf(requireNonNull(baseExams, "baseExams is null"));
      requireNonNull(scores, "scores is null");
      if (name.isBlank()) {
        throw new IllegalArgumentException("exam_name is empty");
      }
      if (distinctUserExamIds > records) {
        throw new IllegalArgumentException(
            "distinct_user_exam_ids " + distinctUserExamIds + " exceeds records " + records);
      }
      if (baseExams.stream().mapToInt(BaseExam::records).sum() != records) {
        throw new IllegalArgumentException("base_exam_ids records do not add up to records " + records);
      }
      if (scores.isPresent() && scores.get().total() < records) {
        throw new IllegalArgumentException(
            "sum_total " + scores.get().total() + " is below records " + records + ": every attempt has a question");
      }
    }

    public int duplicateRows() {
      return records - distinctUserExamIds;
    }
  }

  /** A base_exam_id and its records. */
  public record BaseExam(String id, int records) {
    public BaseExam {
      requireNonNull(id, "id is null");
      if (id.isBlank()) {
        throw new IllegalArgumentException("base_exam_id is empty");
      }
    }
  }

  /** Sums of {@code sequences.counts.correct} and {@code total}. */
  public record Scores(int correct, int total) {
    public Scores {
      if (correct < 0 || correct > total) {
        throw new IllegalArgumentException("sum_correct " + correct + " must be in [0, sum_total " + total + "]");
      }
    }
  }
}

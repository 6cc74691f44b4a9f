package io.edpipe.core.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestExamCatalog {
  @Test
  void loadsThePublishedCatalog() {
    ExamCatalog catalog = ExamCatalog.load();

    assertThat(catalog.exams()).hasSize(PublishedFigures.EXAM_NAMES);
    assertThat(catalog.records()).isEqualTo(PublishedFigures.RECORDS);
    assertThat(catalog.distinctUserExamIds()).isEqualTo(PublishedFigures.DISTINCT_USER_EXAM_IDS);
    assertThat(catalog.baseExamIds()).isEqualTo(PublishedFigures.BASE_EXAM_IDS);
    assertThat(catalog.exams().stream().mapToInt(ExamCatalog.Exam::duplicateRows).sum())
        .isEqualTo(PublishedFigures.DUPLICATE_ROWS);
    List<ExamCatalog.Scores> scores = catalog.exams().stream().flatMap(exam -> exam.scores().stream()).toList();
    assertThat(scores).hasSize(PublishedFigures.EXAM_NAMES - 1);
    assertThat(scores.stream().mapToInt(ExamCatalog.Scores::correct).sum()).isEqualTo(PublishedFigures.SUM_CORRECT);
    assertThat(scores.stream().mapToInt(ExamCatalog.Scores::total).sum()).isEqualTo(PublishedFigures.SUM_TOTAL);
  }

  @Test
  void readsQuotedNamesSplitBaseExamsAndMissingScores() {
    ExamCatalog catalog = ExamCatalog.load();

    assertThat(catalog.exam("I'm a Software Architect, Now What?").orElseThrow().records()).isEqualTo(15);
    assertThat(catalog.exam("Introduction to Python").orElseThrow())
        .isEqualTo(
            new ExamCatalog.Exam(
                "Introduction to Python",
                162,
                162,
                List.of(
                    new ExamCatalog.BaseExam("7e2e0b53-a7ba-458d-8bc6-356f8dea8815", 122),
                    new ExamCatalog.BaseExam("747d6bf1-4c14-438f-b85f-e1111ccc4b15", 40)),
                Optional.of(new ExamCatalog.Scores(459, 810))));
    ExamCatalog.Exam test = catalog.exam(PublishedFigures.TEST_EXAM_NAME).orElseThrow();
    assertThat(test.scores()).isEmpty();
    assertThat(test.baseExams()).containsExactly(new ExamCatalog.BaseExam(PublishedFigures.TEST_BASE_EXAM_ID, 5));
    assertThat(catalog.exam("No such exam")).isEmpty();
  }

  @Test
  void readsAValidCatalog() {
    ExamCatalog catalog =
        read(ExamCatalog.HEADER + "\n\"Quoted \"\"name\"\", with comma\",3,2,a:2;b:1,4,9\nOther,1,1,c:1,,\n");

    assertThat(catalog.exams())
        .containsExactly(
            new ExamCatalog.Exam(
                "Quoted \"name\", with comma",
                3,
                2,
                List.of(new ExamCatalog.BaseExam("a", 2), new ExamCatalog.BaseExam("b", 1)),
                Optional.of(new ExamCatalog.Scores(4, 9))),
            new ExamCatalog.Exam("Other", 1, 1, List.of(new ExamCatalog.BaseExam("c", 1)), Optional.empty()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "x,3,3,a:3,3                   | line 2: expected 6 fields, found 5",
        "x,three,3,a:3,3,9             | line 2: records is not an integer (three)",
        "x,0,0,a:0,0,0                 | line 2: records must be >= 1 (0)",
        "x,3,4,a:3,3,9                 | line 2: distinct_user_exam_ids 4 exceeds records 3",
        "x,3,3,a:2;b:2,3,9             | line 2: base_exam_ids records do not add up to records 3",
        "x,3,3,a3,3,9                  | line 2: base_exam_ids entry is not id:records (a3)",
        "x,3,3,a:3,3,                  | line 2: sum_correct and sum_total must both be set or both be empty",
        "x,3,3,a:3,10,9                | line 2: sum_correct 10 must be in [0, sum_total 9]",
        "x,3,3,a:3,1,2                 | line 2: sum_total 2 is below records 3: every attempt has a question",
        "\"x,3,3,a:3,3,9               | line 2: unterminated quoted field",
        "',3,3,a:3,3,9'                | line 2: exam_name is empty",
      })
  void rejectsAnInvalidRow(String row, String reason) {
    assertThatThrownBy(() -> read(ExamCatalog.HEADER + "\n" + row.strip() + "\n"))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Cannot read exam catalog test.csv: " + reason)
        .satisfies(e -> assertThat(((PipelineException) e).code()).isEqualTo(ErrorCode.BAD_INPUT));
  }

  @Test
  void rejectsDuplicatesAcrossRows() {
    assertThatThrownBy(() -> read(ExamCatalog.HEADER + "\nx,1,1,a:1,1,1\nx,1,1,b:1,1,1\n"))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Cannot read exam catalog test.csv: line 3: duplicate exam name x");
    assertThatThrownBy(() -> read(ExamCatalog.HEADER + "\nx,1,1,a:1,1,1\ny,1,1,a:1,1,1\n"))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Cannot read exam catalog test.csv: line 3: base_exam_id a appears twice");
  }

  @Test
  void rejectsAWrongHeaderOrNoExams() {
    assertThatThrownBy(() -> read("name,records\nx,1\n"))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Cannot read exam catalog test.csv: line 1: the header must be " + ExamCatalog.HEADER);
    assertThatThrownBy(() -> read(ExamCatalog.HEADER + "\n"))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Cannot read exam catalog test.csv: line 1: no exams");
  }

  private static ExamCatalog read(String csv) {
    return ExamCatalog.read(new StringReader(csv), "test.csv");
  }
}

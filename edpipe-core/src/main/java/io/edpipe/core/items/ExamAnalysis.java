package io.edpipe.core.items;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The item analysis of one exam under one scoring. */
public record ExamAnalysis(
    ExamStatistics exam, List<QuestionStatistics> questions, List<OptionStatistics> options) {
  public ExamAnalysis {
    requireNonNull(exam, "exam is null");
    questions = List.copyOf(questions);
    options = List.copyOf(options);
  }
}

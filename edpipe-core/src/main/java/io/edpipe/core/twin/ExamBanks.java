package io.edpipe.core.twin;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The question bank of each exam and the sequence id (sequences.id) of each base_exam_id. */
final class ExamBanks {
  private final List<QuestionBank> banks;
  private final Map<String, String> sequenceIds;

  private ExamBanks(List<QuestionBank> banks, Map<String, String> sequenceIds) {
    this.banks = List.copyOf(banks);
    this.sequenceIds = Map.copyOf(sequenceIds);
  }

  /** Banks big enough for the largest planned attempt of each exam. */
  static ExamBanks create(ExamCatalog catalog, List<AttemptPlan> plans, SplittableRandom random) {
    int[] maxQuestions = new int[catalog.exams().size()];
    for (AttemptPlan plan : plans) {
      maxQuestions[plan.examIndex()] = Math.max(maxQuestions[plan.examIndex()], plan.questionCount());
    }
    Map<String, String> sequenceIds = new HashMap<>();
    List<QuestionBank> banks = new ArrayList<>();
    for (int i = 0; i < maxQuestions.length; i++) {
      for (ExamCatalog.BaseExam baseExam : catalog.exams().get(i).baseExams()) {
        sequenceIds.put(baseExam.id(), RandomIds.uuid(random));
      }
      banks.add(QuestionBank.create(Math.max(1, maxQuestions[i]), random));
    }
    return new ExamBanks(banks, sequenceIds);
  }

  QuestionBank bank(int examIndex) {
    return banks.get(examIndex);
  }

  String sequenceId(String baseExamId) {
    return requireNonNull(sequenceIds.get(baseExamId), () -> "no sequence id for base_exam_id " + baseExamId);
  }
}

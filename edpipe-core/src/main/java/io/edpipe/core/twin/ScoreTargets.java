package io.edpipe.core.twin;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What the correct counts must reproduce beyond each exam's sum of correct answers.
 *
 * @param meanScorePercent 100 * mean of correct / total over the records with counts, rounded half up to its scale
 * @param allCorrect records with every question right
 * @param allCorrectByExam the same for the exams where it is published
 */
record ScoreTargets(BigDecimal meanScorePercent, int allCorrect, Map<String, Integer> allCorrectByExam) {
  ScoreTargets {
    requireNonNull(meanScorePercent, "meanScorePercent is null");
    allCorrectByExam = Map.copyOf(requireNonNull(allCorrectByExam, "allCorrectByExam is null"));
  }

  static ScoreTargets published() {
    return new ScoreTargets(
        PublishedFigures.MEAN_SCORE_PERCENT,
        PublishedFigures.ALL_CORRECT_TRUE,
        Map.of(PublishedFigures.MOST_COMMON_EXAM, PublishedFigures.MOST_COMMON_EXAM_ALL_CORRECT));
  }
}

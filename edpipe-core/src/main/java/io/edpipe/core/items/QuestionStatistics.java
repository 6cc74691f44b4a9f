package io.edpipe.core.items;

import static java.util.Objects.requireNonNull;

/**
 * Statistics of one question over the attempts that got it, as Moodle's quiz statistics define them. x is the
 * question's mark, X the attempt's total, X - x the rest score. Null wherever a statistic is undefined (a
 * variance of 0, fewer than 2 attempts).
 *
 * @param attempts n: attempts that got the question
 * @param facility mean(x) / max mark (the max mark is 1), 0 to 1
 * @param sd standard deviation of x (n - 1 denominator)
 * @param discriminationIndex 100 * corr(x, X - x)
 * @param discriminativeEfficiency 100 * cov(x, X - x) / cov(sorted x, sorted X - x)
 * @param effectiveWeight 100 * sqrt(cov(x, X)) / the sum over the exam's questions of sqrt(cov(., X)) (those not
 *     negative); null when cov(x, X) is negative
 */
public record QuestionStatistics(
    String examName,
    String questionId,
    Scoring scoring,
    long attempts,
    Double facility,
    Double sd,
    Double discriminationIndex,
    Double discriminativeEfficiency,
    Double effectiveWeight) {
  public QuestionStatistics {
    requireNonNull(scoring, "scoring is null");
  }
}

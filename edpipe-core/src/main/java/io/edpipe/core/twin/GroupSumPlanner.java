package io.edpipe.core.twin;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;

/**
 * Splits each exam's sum of correct answers among its question-count groups so that the mean over records of
 * correct / total rounds to the published mean. Only exams with more than one question count have a choice;
 * ratios are counted exactly in units of 1 / lcm(question counts).
 */
final class GroupSumPlanner {
  private static final long MAX_COMBINATIONS = 1_000_000;

  private final BigDecimal meanScorePercent;

  GroupSumPlanner(BigDecimal meanScorePercent) {
    this.meanScorePercent = requireNonNull(meanScorePercent, "meanScorePercent is null");
  }

  /** {@code groupsByExam}: the groups of each exam with counts, and the exam's sum of correct. */
  void assign(List<List<ScoreGroup>> groupsByExam, List<Integer> correctByExam) {
    long unit = lcm(groupsByExam);
    int records = groupsByExam.stream().flatMap(List::stream).mapToInt(group -> group.records).sum();
    BigDecimal scale = BigDecimal.valueOf(records).multiply(BigDecimal.valueOf(unit)).movePointLeft(2);
    BigDecimal halfStep = BigDecimal.ONE.movePointLeft(meanScorePercent.scale()).divide(BigDecimal.valueOf(2));
    long low = meanScorePercent.subtract(halfStep).multiply(scale).setScale(0, RoundingMode.CEILING).longValueExact();
    long high =
        meanScorePercent.add(halfStep).multiply(scale).setScale(0, RoundingMode.CEILING).longValueExact() - 1;

    long ratioUnits = 0;
    for (int i = 0; i < groupsByExam.size(); i++) {
      List<ScoreGroup> groups = groupsByExam.get(i);
      if (groups.size() == 1) {
        groups.get(0).correct = correctByExam.get(i);
        ratioUnits += units(groups.get(0), unit);
      }
    }
    for (int i = 0; i < groupsByExam.size(); i++) {
      List<ScoreGroup> groups = groupsByExam.get(i);
      if (groups.size() > 1) {
        ratioUnits = splitExam(groups, correctByExam.get(i), unit, ratioUnits, low, high);
      }
    }
    if (ratioUnits < low || ratioUnits > high) {
      throw new PipelineException(
          ErrorCode.INTERNAL,
          "Cannot plan correct counts: the mean score cannot round to %s%% (%s units of 1/%s over %s records)",
          meanScorePercent,
          ratioUnits,
          unit,
          records);
    }
  }

  /**
   * Tries every split of the exam's correct answers over its groups (the largest group takes the rest), preferring
   * one that lands the running ratio sum in [low, high], then the one closest to the exam's overall rate.
   */
  private static long splitExam(List<ScoreGroup> groups, int correct, long unit, long ratioUnits, long low, long high) {
    List<ScoreGroup> ordered = groups.stream().sorted(Comparator.comparingInt((ScoreGroup g) -> -g.records)).toList();
    ScoreGroup rest = ordered.get(0);
    List<ScoreGroup> chosen = ordered.subList(1, ordered.size());
    long combinations = 1;
    for (ScoreGroup group : chosen) {
      combinations *= group.capacity() + 1L;
      if (combinations > MAX_COMBINATIONS) {
        throw new PipelineException(
            ErrorCode.INTERNAL, "Cannot plan correct counts: too many splits for exam #%s", group.examIndex);
      }
    }
    double rate = correct / (double) groups.stream().mapToInt(ScoreGroup::capacity).sum();
    int[] best = null;
    double bestCost = Double.MAX_VALUE;
    int[] split = new int[chosen.size()];
    for (long combination = 0; combination < combinations; combination++) {
      long code = combination;
      int used = 0;
      for (int g = 0; g < chosen.size(); g++) {
        split[g] = (int) (code % (chosen.get(g).capacity() + 1L));
        code /= chosen.get(g).capacity() + 1L;
        used += split[g];
      }
      int left = correct - used;
      if (left < 0 || left > rest.capacity()) {
        continue;
      }
      long units = ratioUnits + left * (unit / rest.questionCount);
      double cost = Math.abs(left - rate * rest.capacity());
      for (int g = 0; g < chosen.size(); g++) {
        units += split[g] * (unit / chosen.get(g).questionCount);
        cost += Math.abs(split[g] - rate * chosen.get(g).capacity());
      }
      long outside = units < low ? low - units : Math.max(0, units - high);
      cost += outside * 1e6;
      if (cost < bestCost) {
        bestCost = cost;
        best = split.clone();
      }
    }
    if (best == null) {
      throw new PipelineException(
          ErrorCode.INTERNAL, "Cannot plan correct counts: no split of exam #%s fits", rest.examIndex);
    }
    int used = 0;
    for (int g = 0; g < chosen.size(); g++) {
      chosen.get(g).correct = best[g];
      used += best[g];
      ratioUnits += units(chosen.get(g), unit);
    }
    rest.correct = correct - used;
    return ratioUnits + units(rest, unit);
  }

  private static long units(ScoreGroup group, long unit) {
    return group.correct * (unit / group.questionCount);
  }

  private static long lcm(List<List<ScoreGroup>> groupsByExam) {
    long lcm = 1;
    for (List<ScoreGroup> groups : groupsByExam) {
      for (ScoreGroup group : groups) {
        lcm = lcm / gcd(lcm, group.questionCount) * group.questionCount;
      }
    }
    return lcm;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}

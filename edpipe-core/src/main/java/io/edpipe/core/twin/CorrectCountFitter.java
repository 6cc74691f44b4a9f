package io.edpipe.core.twin;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Gives each attempt its number of correct answers: each group's sum exactly, learners of varying ability
 * (beta-binomial, dispersion chosen so the expected all-correct records match the target), then a local search
 * that trades one correct answer between two attempts of the same group and copies until the all-correct counts
 * are exact. Trades keep every sum and the mean score unchanged.
 */
final class CorrectCountFitter {
  private static final int MAX_TRADES = 20_000_000;

  private final SplittableRandom random;

  CorrectCountFitter(SplittableRandom random) {
    this.random = requireNonNull(random, "random is null");
  }

  /**
   * @param pools groups whose all-correct records must add up to the pool's target (an exam with a published
   *     figure, and the rest)
   */
  void fit(List<AllCorrectPool> pools) {
    for (AllCorrectPool pool : pools) {
      double dispersion = pool.dispersionForTarget();
      for (ScoreGroup group : pool.groups()) {
        draw(group, dispersion);
        repair(group);
      }
    }
    for (AllCorrectPool pool : pools) {
      trade(pool);
    }
  }

  /** Each attempt's ability is beta distributed around the group's rate; answers follow it (Polya's urn). */
  private void draw(ScoreGroup group, double dispersion) {
    double rate = group.correct / (double) group.capacity();
    double prior = rate * dispersion;
    for (AttemptDraft draft : group.drafts) {
      int correct = 0;
      for (int i = 0; i < group.questionCount; i++) {
        if (random.nextDouble() * (dispersion + i) < prior + correct) {
          correct++;
        }
      }
      draft.correctCount = correct;
    }
  }

  /** Adds or removes single answers at random attempts until the group's sum (copies included) is exact. */
  private void repair(ScoreGroup group) {
    int missing = group.correct - weightedCorrect(group.drafts);
    while (missing != 0) {
      int step = Integer.signum(missing);
      int remaining = Math.abs(missing);
      List<AttemptDraft> candidates = new ArrayList<>();
      for (AttemptDraft draft : group.drafts) {
        int next = draft.correctCount + step;
        if (draft.copies <= remaining && next >= 0 && next <= group.questionCount) {
          candidates.add(draft);
        }
      }
      if (candidates.isEmpty()) {
        throw new PipelineException(
            ErrorCode.INTERNAL,
            "Cannot plan correct counts of exam #%s: %s answers cannot be placed",
            group.examIndex,
            missing);
      }
      AttemptDraft draft = candidates.get(random.nextInt(candidates.size()));
      draft.correctCount += step;
      missing -= step * draft.copies;
    }
  }

  /** Moves one answer from one attempt to another of the same group and copies while that nears the target. */
  private void trade(AllCorrectPool pool) {
    List<List<AttemptDraft>> buckets = pool.tradeBuckets();
    List<AttemptDraft> movable = new ArrayList<>();
    List<List<AttemptDraft>> bucketOf = new ArrayList<>();
    for (List<AttemptDraft> bucket : buckets) {
      for (AttemptDraft draft : bucket) {
        movable.add(draft);
        bucketOf.add(bucket);
      }
    }
    int allCorrect = pool.allCorrect();
    for (int trade = 0; allCorrect != pool.target() && trade < MAX_TRADES && !movable.isEmpty(); trade++) {
      int index = random.nextInt(movable.size());
      AttemptDraft gaining = movable.get(index);
      List<AttemptDraft> bucket = bucketOf.get(index);
      AttemptDraft losing = bucket.get(random.nextInt(bucket.size()));
      if (losing == gaining || gaining.isAllCorrect() || losing.correctCount == 0) {
        continue;
      }
      int change = (gaining.correctCount + 1 == gaining.questionCount ? gaining.copies : 0)
          - (losing.isAllCorrect() ? losing.copies : 0);
      if (Math.abs(allCorrect + change - pool.target()) < Math.abs(allCorrect - pool.target())) {
        gaining.correctCount++;
        losing.correctCount--;
        allCorrect += change;
      }
    }
    if (allCorrect != pool.target()) {
      throw new PipelineException(
          ErrorCode.INTERNAL,
          "Cannot plan correct counts: %s all-correct records in %s, wanted %s",
          allCorrect,
          pool.name(),
          pool.target());
    }
  }

  static int weightedCorrect(List<AttemptDraft> drafts) {
    return drafts.stream().mapToInt(draft -> draft.correctCount * draft.copies).sum();
  }

  /** Score groups whose all-correct records must add up to {@code target}. */
  record AllCorrectPool(String name, List<ScoreGroup> groups, int target) {
    AllCorrectPool {
      requireNonNull(name, "name is null");
      groups = List.copyOf(groups);
    }

    int allCorrect() {
      return groups.stream()
          .flatMap(group -> group.drafts.stream())
          .filter(AttemptDraft::isAllCorrect)
          .mapToInt(draft -> draft.copies)
          .sum();
    }

    /** Attempts of the same group and copies, between which answers can be traded; buckets of one are left out. */
    List<List<AttemptDraft>> tradeBuckets() {
      List<List<AttemptDraft>> buckets = new ArrayList<>();
      for (ScoreGroup group : groups) {
        Map<Integer, List<AttemptDraft>> byCopies = new TreeMap<>();
        for (AttemptDraft draft : group.drafts) {
          byCopies.computeIfAbsent(draft.copies, copies -> new ArrayList<>()).add(draft);
        }
        byCopies.values().stream().filter(bucket -> bucket.size() > 1).forEach(buckets::add);
      }
      return buckets;
    }

    /**
     * The beta dispersion (alpha + beta) whose expected all-correct records match the target, by bisection on a log
     * scale: a small dispersion spreads abilities (more perfect and more failed attempts), a large one is binomial.
     */
    double dispersionForTarget() {
      double low = Math.log(0.05);
      double high = Math.log(10_000);
      for (int i = 0; i < 60; i++) {
        double middle = (low + high) / 2;
        if (expectedAllCorrect(Math.exp(middle)) > target) {
          low = middle;
        } else {
          high = middle;
        }
      }
      return Math.exp((low + high) / 2);
    }

    private double expectedAllCorrect(double dispersion) {
      double expected = 0;
      for (ScoreGroup group : groups) {
        double prior = group.correct / (double) group.capacity() * dispersion;
        double allRight = 1;
        for (int i = 0; i < group.questionCount; i++) {
          allRight *= (prior + i) / (dispersion + i);
        }
        expected += group.records * allRight;
      }
      return expected;
    }
  }
}

package io.edpipe.core.twin;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The exact twin's records in file order: every planned attempt as many times as it has copies, shuffled (so the
 * file is in no time or exam order), copies of one attempt never next to each other.
 */
final class ExactRecordOrder implements Iterator<AttemptPlan> {
  private final List<AttemptPlan> attempts;
  private final int[] order;
  private int next;

  ExactRecordOrder(List<AttemptPlan> attempts, SplittableRandom random) {
    this.attempts = List.copyOf(attempts);
    this.order = arrange(this.attempts, requireNonNull(random, "random is null"));
  }

  private static int[] arrange(List<AttemptPlan> attempts, SplittableRandom random) {
    int[] order = new int[attempts.stream().mapToInt(AttemptPlan::copies).sum()];
    int position = 0;
    for (int i = 0; i < attempts.size(); i++) {
      for (int copy = 0; copy < attempts.get(i).copies(); copy++) {
        order[position++] = i;
      }
    }
    for (int i = order.length - 1; i > 0; i--) {
      swap(order, i, random.nextInt(i + 1));
    }
    for (int i = 1; i < order.length; i++) {
      while (order[i] == order[i - 1]) {
        int j = random.nextInt(order.length);
        swap(order, i, j);
        if (hasNeighbourCopy(order, i) || hasNeighbourCopy(order, j)) {
          swap(order, i, j); // undo and try another position
        }
      }
    }
    return order;
  }

  private static boolean hasNeighbourCopy(int[] order, int i) {
    return (i > 0 && order[i - 1] == order[i]) || (i + 1 < order.length && order[i + 1] == order[i]);
  }

  private static void swap(int[] order, int i, int j) {
    int swapped = order[i];
    order[i] = order[j];
    order[j] = swapped;
  }

  @Override
  public boolean hasNext() {
    return next < order.length;
  }

  @Override
  public AttemptPlan next() {
    if (!hasNext()) {
      throw new NoSuchElementException("all " + order.length + " records were returned");
    }
    return attempts.get(order[next++]);
  }
}

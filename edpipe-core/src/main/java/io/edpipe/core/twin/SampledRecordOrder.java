package io.edpipe.core.twin;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Any number of records, streamed: each new attempt copies a random attempt of the exact plan (so exam mix,
 * question and correct counts, test records and duplicate rates follow the published file) with fresh ids and
 * start time. The copies of a duplicated attempt come back 2 to {@value #MAX_GAP} records later, so memory stays
 * constant: only pending copies are held.
 */
final class SampledRecordOrder implements Iterator<AttemptPlan> {
  static final int MAX_GAP = 2_000;

  private final List<AttemptPlan> templates;
  private final long records;
  private final SplittableRandom random;
  private final StartTimeSampler sampler = StartTimeSampler.overPublishedRange();
  private final PriorityQueue<PendingCopy> pending =
      new PriorityQueue<>(Comparator.comparingLong(PendingCopy::position).thenComparingLong(PendingCopy::sequence));
  private long position;
  private long sequence;

  SampledRecordOrder(List<AttemptPlan> templates, long records, SplittableRandom random) {
    if (templates.isEmpty() || records < 1) {
      throw new IllegalArgumentException("need attempts to sample and records >= 1: " + records);
    }
    this.templates = List.copyOf(templates);
    this.records = records;
    this.random = requireNonNull(random, "random is null");
  }

  @Override
  public boolean hasNext() {
    return position < records;
  }

  @Override
  public AttemptPlan next() {
    if (!hasNext()) {
      throw new NoSuchElementException("all " + records + " records were returned");
    }
    long left = records - position; // this record included
    position++; // 1-based position of this record
    PendingCopy due = pending.peek();
    if (due != null && (due.position() <= position || pending.size() >= left)) {
      return pending.poll().attempt();
    }
    AttemptPlan template = templates.get(random.nextInt(templates.size()));
    int copies = pending.size() + template.copies() <= left ? template.copies() : 1;
    AttemptPlan attempt = template.withIdentity(random.nextLong(), sampler.sample(random), copies);
    for (int copy = 1; copy < copies; copy++) {
      pending.add(new PendingCopy(position + 2 + random.nextInt(MAX_GAP - 1), sequence++, attempt));
    }
    return attempt;
  }

  private record PendingCopy(long position, long sequence, AttemptPlan attempt) {}
}

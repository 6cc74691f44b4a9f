package io.edpipe.core.twin;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Draws started_at times (epoch milliseconds) in [from, until): uniform over the days, thinned by time of day
 * (the learners are mostly in the Americas and Europe: fewest starts between 05:00 and 09:00 UTC) and by weekday
 * (weekends at 70 %).
 */
final class StartTimeSampler {
  private static final long MINUTE = 60_000;
  private static final double[] HOUR_WEIGHTS = {
    0.90, 0.80, 0.65, 0.50, 0.40, 0.30, 0.25, 0.25, 0.30, 0.40, 0.50, 0.60,
    0.75, 0.85, 0.95, 1.00, 1.00, 1.00, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95
  };
  private static final double WEEKEND_WEIGHT = 0.7;

  private final long from;
  private final long until;

  StartTimeSampler(long fromMillis, long untilMillis) {
    if (untilMillis <= fromMillis) {
      throw new IllegalArgumentException("until must be after from: " + fromMillis + " .. " + untilMillis);
    }
    this.from = fromMillis;
    this.until = untilMillis;
  }

  /** Starts strictly inside the published minutes, so that only the planted endpoints hit them. */
  static StartTimeSampler insidePublishedRange() {
    return new StartTimeSampler(
        PublishedFigures.STARTED_AT_MIN_MINUTE.toEpochMilli() + MINUTE,
        PublishedFigures.STARTED_AT_MAX_MINUTE.toEpochMilli());
  }

  /** The whole published range, both end minutes included. */
  static StartTimeSampler overPublishedRange() {
    return new StartTimeSampler(
        PublishedFigures.STARTED_AT_MIN_MINUTE.toEpochMilli(),
        PublishedFigures.STARTED_AT_MAX_MINUTE.toEpochMilli() + MINUTE);
  }

  /** A time inside the minute starting at {@code minute}. */
  static long withinMinute(Instant minute, SplittableRandom random) {
    return minute.toEpochMilli() + random.nextLong(MINUTE);
  }

  long sample(SplittableRandom random) {
    while (true) {
      long candidate = random.nextLong(from, until);
      if (random.nextDouble() < weight(candidate)) {
        return candidate;
      }
    }
  }

  private static double weight(long millis) {
    Instant instant = Instant.ofEpochMilli(millis);
    int hour = (int) Math.floorMod(millis / 3_600_000, 24L);
    DayOfWeek day = LocalDate.ofInstant(instant, ZoneOffset.UTC).getDayOfWeek();
    boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    return HOUR_WEIGHTS[hour] * (weekend ? WEEKEND_WEIGHT : 1.0);
  }
}

package io.edpipe.core.twin;

import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;

/** Ids in the forms of the published file, drawn from a seeded generator. */
final class RandomIds {
  private static final HexFormat HEX = HexFormat.of();

  private RandomIds() {}

  /** A version 4 (random) UUID, like user_exam_id and the question and option ids. */
  static String uuid(SplittableRandom random) {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }

  /**
   * A keen_id: a MongoDB ObjectId of 24 hex digits, whose first 8 are the keen timestamp's epoch seconds, then 6
   * of machine, {@code 0001} (process) and 6 of counter, as in the real records.
   */
  static String keenId(long epochSeconds, SplittableRandom random) {
    return HEX.toHexDigits((int) epochSeconds)
        + HEX.toHexDigits(random.nextInt(1 << 24)).substring(2)
        + "0001"
        + HEX.toHexDigits(random.nextInt(1 << 24)).substring(2);
  }
}

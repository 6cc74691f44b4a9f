package io.edpipe.core.twin;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;

/**
 * What twin to generate.
 *
 * @param seed the same seed gives the same bytes
 * @param records how many records; the published count ({@value PublishedFigures#RECORDS}) gives the exact twin,
 *     which reproduces every published figure for any seed; any other count samples the same distributions with
 *     fresh ids, streaming in constant memory
 * @param format a JSON array like the published file, or JSON Lines
 */
public record TwinConfig(long seed, long records, TwinFormat format) {
  /** The published file's date; any fixed number would do. */
  public static final long DEFAULT_SEED = 20_180_128L;

  public static final long DEFAULT_RECORDS = PublishedFigures.RECORDS;

  public static final TwinFormat DEFAULT_FORMAT = TwinFormat.ARRAY;

  public TwinConfig {
    requireNonNull(format, "format is null");
    if (records < 1) {
      throw new PipelineException(ErrorCode.BAD_CONFIG, "Invalid value %s for records: must be >= 1", records);
    }
  }

  /** Seed {@value #DEFAULT_SEED}, the published record count, a JSON array. */
  public static TwinConfig defaults() {
    return new TwinConfig(DEFAULT_SEED, DEFAULT_RECORDS, DEFAULT_FORMAT);
  }

  /** Whether the twin is fitted to reproduce the published figures exactly. */
  public boolean isExact() {
    return records == PublishedFigures.RECORDS;
  }
}

package io.edpipe.bench;

/**
 * How many records make a JSON array file of at least a given size, from a small probe of the same generator.
 *
 * @param records what to generate
 * @param bytesPerRecord as the probe measured it
 */
public record HeapFilePlan(long records, double bytesPerRecord) {
  /** 1 % more than the probe's average says, so that the file reaches the size whatever the records drawn. */
  static final double MARGIN = 1.01;

  public static HeapFilePlan of(long targetBytes, long probeRecords, long probeBytes) {
    if (targetBytes <= 0 || probeRecords <= 0 || probeBytes <= 0) {
      throw new IllegalArgumentException(
          "Cannot plan the heap file: target " + targetBytes + " bytes, probe " + probeRecords + " records in " + probeBytes + " bytes");
    }
    double bytesPerRecord = (double) probeBytes / probeRecords;
    long records = (long) Math.ceil(targetBytes / bytesPerRecord * MARGIN);
    return new HeapFilePlan(Math.max(records, 1), bytesPerRecord);
  }
}

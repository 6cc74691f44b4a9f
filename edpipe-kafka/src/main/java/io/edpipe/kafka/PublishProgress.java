package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Where a publish run is.
 *
 * @param read elements taken from the input (good and bad)
 * @param published messages the broker acknowledged
 * @param bytes value bytes the broker acknowledged
 * @param rejected bad elements skipped
 * @param inputByteOffset offset of the last element read, in the (decompressed) input
 * @param elapsed time since the run started
 */
public record PublishProgress(
    long read, long published, long bytes, long rejected, long inputByteOffset, Duration elapsed) {
  public PublishProgress {
    requireNonNull(elapsed, "elapsed is null");
  }
}

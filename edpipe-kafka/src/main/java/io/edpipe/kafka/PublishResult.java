package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a publish run did.
 *
 * @param published messages the broker acknowledged
 * @param bytes value bytes the broker acknowledged
 * @param rejected bad elements skipped (policy {@code SKIP})
 * @param rejectsFile where the rejected elements were written, if any were
 * @param perPartition acknowledged messages per partition, sorted by partition
 */
public record PublishResult(
    long published,
    long bytes,
    long rejected,
    Optional<Path> rejectsFile,
    Duration elapsed,
    Map<Integer, Long> perPartition) {
  public PublishResult {
    requireNonNull(rejectsFile, "rejectsFile is null");
    requireNonNull(elapsed, "elapsed is null");
    perPartition = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(perPartition, "perPartition is null")));
  }

  public double messagesPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? published / seconds : 0;
  }
}

package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One partition of a topic.
 *
 * @param leader the leader's broker id, -1 if there is none
 * @param earliestOffset the first offset still stored
 * @param latestOffset the offset the next message will get
 */
public record PartitionDescription(
    int partition,
    int leader,
    List<Integer> replicas,
    List<Integer> inSyncReplicas,
    long earliestOffset,
    long latestOffset) {
  public PartitionDescription {
    replicas = List.copyOf(requireNonNull(replicas, "replicas is null"));
    inSyncReplicas = List.copyOf(requireNonNull(inSyncReplicas, "inSyncReplicas is null"));
  }

  /** Messages stored (offsets between earliest and latest). */
  public long messageCount() {
    return latestOffset - earliestOffset;
  }
}

package io.edpipe.spark;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Reads and names the Kafka offsets that each commit stores in its snapshot's summary, atomically with the data
 * it adds: a table holds exactly the messages below its stored offsets.
 */
final class LandedOffsets {
  /** The snapshot-summary key. */
  static final String SUMMARY_KEY = "edpipe.kafka-offsets";

  /** The write option that puts {@link #SUMMARY_KEY} into the snapshot Spark commits. */
  static final String WRITE_OPTION = "snapshot-property." + SUMMARY_KEY;

  private LandedOffsets() {}

  /**
   * The offsets stored by the latest edpipe commit on the table's current branch; commits of other writers
   * (compaction, snapshot expiry) carry none and are passed over.
   */
  static TopicOffsets of(Table table) {
    Snapshot snapshot = table.currentSnapshot();
    while (snapshot != null) {
      String json = snapshot.summary().get(SUMMARY_KEY);
      if (json != null) {
        return TopicOffsets.fromJson(json);
      }
      Long parent = snapshot.parentId();
      snapshot = parent == null ? null : table.snapshot(parent);
    }
    return TopicOffsets.NONE;
  }
}

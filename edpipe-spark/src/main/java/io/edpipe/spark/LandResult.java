package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one landing batch did: the offsets it read, and the rows it added to each table.
 *
 * @param alreadyLanded messages of the range every table held already (a micro-batch replayed after a crash, or
 *     one a batch land got to first): read and skipped
 */
public record LandResult(KafkaRange range, Map<LakeTable, Long> addedRows, long alreadyLanded, Duration elapsed) {
  public LandResult {
    requireNonNull(range, "range is null");
    requireNonNull(elapsed, "elapsed is null");
    addedRows = Map.copyOf(requireNonNull(addedRows, "addedRows is null"));
  }

  public static LandResult upToDate(KafkaRange range, Duration elapsed) {
    Map<LakeTable, Long> none = new EnumMap<>(LakeTable.class);
    for (LakeTable table : LakeTable.values()) {
      none.put(table, 0L);
    }
    return new LandResult(range, none, 0, elapsed);
  }

  public long messages() {
    return range.messageCount();
  }

  public long added(LakeTable table) {
    return addedRows.getOrDefault(table, 0L);
  }
}

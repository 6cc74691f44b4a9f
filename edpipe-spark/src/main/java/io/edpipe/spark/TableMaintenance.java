package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.actions.ExpireSnapshots;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tables at sensible file sizes after many small batches: compacts data files, expires old snapshots,
 * and deletes files no snapshot references (what a batch that died before its commit left behind).
 *
 * <p>The compaction's commit carries the Kafka offsets of the snapshot it replaces, so that expiring the older
 * snapshots never loses what the table holds ({@link LandedOffsets}). Run it between landing batches: it is one
 * more writer.
 */
public final class TableMaintenance {
  private static final Logger log = LoggerFactory.getLogger(TableMaintenance.class);
  private static final long TARGET_FILE_BYTES = 128L * 1024 * 1024;

  private final SparkSession spark;

  public TableMaintenance(SparkSession spark) {
    this.spark = requireNonNull(spark, "spark is null");
  }

  /** What maintenance did to one table. */
  public record Result(
      LakeTable table, long filesBefore, long filesAfter, int rewrittenFiles, long expiredSnapshots, long orphansDeleted) {
    public Result {
      requireNonNull(table, "table is null");
    }
  }

  /**
   * @param keepSnapshots snapshots younger than this stay (time travel); the current one always stays
   * @param orphanAge files younger than this are never taken for orphans (a batch may be writing them)
   */
  public List<Result> maintain(Duration keepSnapshots, Duration orphanAge) {
    requireNonNull(keepSnapshots, "keepSnapshots is null");
    requireNonNull(orphanAge, "orphanAge is null");
    IcebergLander.createTables(spark);
    List<Result> results = new ArrayList<>();
    for (LakeTable lakeTable : LakeTable.values()) {
      results.add(maintain(lakeTable, keepSnapshots, orphanAge));
    }
    return List.copyOf(results);
  }

  private Result maintain(LakeTable lakeTable, Duration keepSnapshots, Duration orphanAge) {
    Table table = IcebergTables.load(spark, lakeTable);
    long filesBefore = dataFiles(table);
    int rewritten = 0;
    if (filesBefore > 1) {
      RewriteDataFiles rewrite =
          SparkActions.get(spark)
              .rewriteDataFiles(table)
              .option("min-input-files", "2")
              .option("target-file-size-bytes", String.valueOf(TARGET_FILE_BYTES));
      TopicOffsets offsets = LandedOffsets.of(table);
      if (!offsets.offsets().isEmpty()) {
        rewrite = rewrite.snapshotProperty(LandedOffsets.SUMMARY_KEY, offsets.toJson());
      }
      rewritten = rewrite.execute().rewrittenDataFilesCount();
      table.refresh();
    }
    long expired = 0;
    Snapshot current = table.currentSnapshot();
    long expireBefore = Instant.now().minus(keepSnapshots).toEpochMilli();
    if (current != null && !expirable(table, current, expireBefore)) {
      // nothing to expire (a young table, or one maintained within keepSnapshots): no Spark jobs that could delete
      // nothing
      log.debug("No snapshot of {} to expire", lakeTable);
    } else if (current != null && current.summary().containsKey(LandedOffsets.SUMMARY_KEY)) {
      ExpireSnapshots.Result result =
          SparkActions.get(spark)
              .expireSnapshots(table)
              .expireOlderThan(expireBefore)
              .retainLast(1)
              .execute();
      expired = result.deletedManifestListsCount();
      table.refresh();
    } else if (current != null) {
      log.warn("Not expiring snapshots of {}: its current snapshot does not carry the landed offsets", lakeTable);
    }
    DeleteOrphanFiles.Result orphans =
        SparkActions.get(spark)
            .deleteOrphanFiles(table)
            .olderThan(Instant.now().minus(orphanAge).toEpochMilli())
            .execute();
    long orphansDeleted = 0;
    for (var ignored : orphans.orphanFileLocations()) {
      orphansDeleted++;
    }
    Result result = new Result(lakeTable, filesBefore, dataFiles(table), rewritten, expired, orphansDeleted);
    log.info("Maintained {}: {}", lakeTable.tableName(), result);
    return result;
  }

  /** Whether a snapshot other than the current one is older than {@code before}: only those may expire. */
  private static boolean expirable(Table table, Snapshot current, long before) {
    for (Snapshot snapshot : table.snapshots()) {
      if (snapshot.snapshotId() != current.snapshotId() && snapshot.timestampMillis() < before) {
        return true;
      }
    }
    return false;
  }

  private static long dataFiles(Table table) {
    Snapshot snapshot = table.currentSnapshot();
    String files = snapshot == null ? null : snapshot.summary().get("total-data-files");
    return files == null ? 0 : Long.parseLong(files);
  }

}

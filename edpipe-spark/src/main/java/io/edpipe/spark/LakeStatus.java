package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.table.ResultTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.SparkSession;

/**
 * Where landing stands: per partition the latest offset, the landed offset and the lag; the last commit; rows,
 * data files and their average size per table (from the tables' metadata, no scan); quarantine by reason.
 */
public final class LakeStatus {
  private final SparkSession spark;

  public LakeStatus(SparkSession spark) {
    this.spark = requireNonNull(spark, "spark is null");
  }

  /** @param latest each partition's latest offset in Kafka, or empty when Kafka is not asked */
  public List<ResultTable> report(String topic, Map<Integer, Long> latest) {
    IcebergLander.createTables(spark);
    List<ResultTable> report = new ArrayList<>();
    Map<Integer, Long> landed = new TreeMap<>();
    Instant lastCommit = null;
    List<List<Object>> tables = new ArrayList<>();
    for (LakeTable lakeTable : LakeTable.values()) {
      Table table = IcebergTables.load(spark, lakeTable);
      TopicOffsets offsets = LandedOffsets.of(table);
      offsets.partitions(topic).forEach((partition, next) -> landed.merge(partition, next, Math::min));
      Optional<Snapshot> snapshot = Optional.ofNullable(table.currentSnapshot());
      long rows = snapshot.map(s -> number(s, "total-records")).orElse(0L);
      long files = snapshot.map(s -> number(s, "total-data-files")).orElse(0L);
      long bytes = snapshot.map(s -> number(s, "total-files-size")).orElse(0L);
      Instant committed = snapshot.map(s -> Instant.ofEpochMilli(s.timestampMillis())).orElse(null);
      if (committed != null && (lastCommit == null || committed.isAfter(lastCommit))) {
        lastCommit = committed;
      }
      tables.add(List.of(lakeTable.tableName(), rows, files, files == 0 ? 0L : bytes / files));
    }
    List<List<Object>> partitions = new ArrayList<>();
    TreeMap<Integer, Long> all = new TreeMap<>(latest);
    landed.keySet().forEach(partition -> all.putIfAbsent(partition, null));
    all.forEach(
        (partition, end) -> {
          long done = landed.getOrDefault(partition, 0L);
          List<Object> row = new ArrayList<>();
          row.add(partition);
          row.add(end);
          row.add(done);
          row.add(end == null ? null : end - done);
          partitions.add(row);
        });
    report.add(
        new ResultTable(
            "partitions", "Partitions of " + topic, "landed = every table holds the messages before it",
            List.of("partition", "latest", "landed", "lag"), partitions));
    report.add(ResultTable.scalar("last_commit", "Last commit (UTC)", null, lastCommit));
    report.add(ResultTable.scalar("lander", "Landing now", "who holds the lander lock", LanderLock.holder(spark).orElse("nobody")));
    report.add(
        new ResultTable(
            "tables", "Tables", "from the current snapshot; average data file size in bytes",
            List.of("table", "rows", "data_files", "average_file_bytes"), tables));
    report.add(
        BusinessQuestions.toTable(
            "quarantine_by_reason", "Quarantine by reason", null,
            spark.sql(
                "SELECT reason, count(*) AS messages FROM " + LakeConfig.qualified(LakeTable.QUARANTINE)
                    + " GROUP BY reason ORDER BY messages DESC, reason")));
    return List.copyOf(report);
  }

  private static long number(Snapshot snapshot, String key) {
    String value = snapshot.summary().get(key);
    return value == null ? 0 : Long.parseLong(value);
  }

}

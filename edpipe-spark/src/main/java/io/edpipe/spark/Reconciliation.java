package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Proves the landing invariant: every offset of every partition of the topic, from the first one landed up to
 * what all of {@code attempts}, {@code duplicates} and {@code quarantine} hold, appears exactly once across those
 * three tables, and no offset appears twice anywhere.
 */
public final class Reconciliation {
  /** At most this many offending offsets are listed per partition and kind. */
  public static final int MAX_LISTED = 20;

  private static final List<LakeTable> ACCOUNTING =
      List.of(LakeTable.ATTEMPTS, LakeTable.DUPLICATES, LakeTable.QUARANTINE);

  private final SparkSession spark;

  public Reconciliation(SparkSession spark) {
    this.spark = requireNonNull(spark, "spark is null");
  }

  /** One partition's account. {@code from} to {@code to} (exclusive) is the range that must be complete. */
  public record PartitionAccount(
      String topic,
      int partition,
      long from,
      long to,
      long attempts,
      long duplicates,
      long quarantined,
      long pending,
      long missingCount,
      List<Long> missing,
      long repeatedCount,
      List<Long> repeated) {
    public PartitionAccount {
      missing = List.copyOf(missing);
      repeated = List.copyOf(repeated);
    }

    public boolean holds() {
      return missingCount == 0 && repeatedCount == 0;
    }
  }

  /** The whole account; {@link #holds()} only when every partition balances. */
  public record Account(String topic, List<PartitionAccount> partitions) {
    public Account {
      partitions = List.copyOf(partitions);
    }

    public boolean holds() {
      return partitions.stream().allMatch(PartitionAccount::holds);
    }

    public long offsets() {
      return partitions.stream().mapToLong(p -> p.to() - p.from()).sum();
    }
  }

  /**
   * @param earliest each partition's earliest retained offset in Kafka now, if known (a gap between it and the
   *     first landed offset is reported as missing); empty to start at the first landed offset, or 0
   */
  public Account check(String topic, Map<Integer, Long> earliest) {
    requireNonNull(topic, "topic is null");
    IcebergLander.createTables(spark);
    Map<Integer, Long> landedTo = landedTo(topic);
    String offsets =
        String.join(
            " UNION ALL ",
            ACCOUNTING.stream()
                .map(
                    table ->
                        "SELECT kafka_partition AS partition, kafka_offset AS offset, '"
                            + table.tableName()
                            + "' AS landed_in FROM "
                            + LakeConfig.qualified(table)
                            + " WHERE kafka_topic = '"
                            + topic.replace("'", "''")
                            + "'")
                .toList());
    spark.sql(offsets).createOrReplaceTempView("edpipe_landed_offsets");
    Map<Integer, Row> summaries = new TreeMap<>();
    for (Row row :
        spark
            .sql(
                "SELECT partition, min(offset) AS first, count_if(landed_in = 'attempts') AS attempts,"
                    + " count_if(landed_in = 'duplicates') AS duplicates,"
                    + " count_if(landed_in = 'quarantine') AS quarantined FROM edpipe_landed_offsets GROUP BY partition")
            .collectAsList()) {
      summaries.put(row.getInt(0), row);
    }
    TreeSet<Integer> partitions = new TreeSet<>(landedTo.keySet());
    partitions.addAll(summaries.keySet());
    List<PartitionAccount> accounts = new ArrayList<>();
    for (int partition : partitions) {
      Row summary = summaries.get(partition);
      long to = landedTo.getOrDefault(partition, 0L);
      long firstLanded = summary == null ? to : summary.getLong(1);
      long from = Math.min(firstLanded, earliest.getOrDefault(partition, firstLanded));
      accounts.add(account(topic, partition, from, to, summary));
    }
    return new Account(topic, accounts);
  }

  private PartitionAccount account(String topic, int partition, long from, long to, Row summary) {
    String inPartition = "partition = " + partition;
    long pending = count("SELECT count(*) FROM edpipe_landed_offsets WHERE " + inPartition + " AND offset >= " + to);
    long present =
        count(
            "SELECT count(DISTINCT offset) FROM edpipe_landed_offsets WHERE "
                + inPartition + " AND offset >= " + from + " AND offset < " + to);
    long missingCount = (to - from) - present;
    List<Long> missing = List.of();
    if (missingCount > 0) {
      Dataset<Row> expected = spark.range(from, to).toDF("offset");
      Dataset<Row> landed = spark.sql("SELECT offset FROM edpipe_landed_offsets WHERE " + inPartition);
      missing = longs(expected.except(landed).orderBy("offset").limit(MAX_LISTED));
    }
    Dataset<Row> repeatedRows =
        spark.sql(
            "SELECT offset FROM edpipe_landed_offsets WHERE " + inPartition + " GROUP BY offset HAVING count(*) > 1");
    long repeatedCount = repeatedRows.count();
    List<Long> repeated = repeatedCount == 0 ? List.of() : longs(repeatedRows.orderBy("offset").limit(MAX_LISTED));
    return new PartitionAccount(
        topic,
        partition,
        from,
        to,
        summary == null ? 0 : summary.getLong(2),
        summary == null ? 0 : summary.getLong(3),
        summary == null ? 0 : summary.getLong(4),
        pending,
        missingCount,
        missing,
        repeatedCount,
        repeated);
  }

  /** Per partition, the offset up to which all three accounting tables hold the messages. */
  private Map<Integer, Long> landedTo(String topic) {
    Map<Integer, Long> landedTo = new TreeMap<>();
    List<TopicOffsets> tables = new ArrayList<>();
    for (LakeTable table : ACCOUNTING) {
      tables.add(LandedOffsets.of(IcebergTables.load(spark, table)));
    }
    for (TopicOffsets offsets : tables) {
      offsets.partitions(topic).keySet().forEach(partition -> landedTo.put(partition, Long.MAX_VALUE));
    }
    landedTo.replaceAll(
        (partition, ignored) ->
            tables.stream().mapToLong(offsets -> offsets.next(topic, partition).orElse(0L)).min().orElse(0L));
    return landedTo;
  }

  private long count(String sql) {
    return spark.sql(sql).first().getLong(0);
  }

  private static List<Long> longs(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(row -> row.getLong(0)).toList();
  }
}

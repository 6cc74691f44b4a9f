package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;

/**
 * Checks the keepers that a batch's tasks chose, each alone, against one another and against the landed
 * attempts, and decides the keen_ids where they disagree.
 *
 * <p>A task keeps the first copy of a keen_id it sees. That is the batch's choice unless another task kept a copy
 * too (copies in two partitions: a producer that did not key by keen_id, or a partition count that changed), or
 * the keen_id is landed already at another offset (a copy that arrives in a later batch). For those keen_ids the
 * keeper is the landed copy if there is one, else the first by topic, partition and offset: the rule the
 * classification has always had, so a replayed batch decides as the first time did.
 */
final class KeeperCheck {
  /** Spark's {@code xxhash64} seed. */
  private static final long SEED = 42L;

  private final SparkSession spark;

  KeeperCheck(SparkSession spark) {
    this.spark = requireNonNull(spark, "spark is null");
  }

  /**
   * The hash of a keen_id in the tasks' results, {@code length} UTF-8 bytes of {@code text} from {@code from}:
   * Spark's {@code xxhash64(keen_id)}.
   */
  static long hash(byte[] text, int from, int length) {
    return XXH64.hashUnsafeBytes(text, Platform.BYTE_ARRAY_OFFSET + from, length, SEED);
  }

  /**
   * The hashes kept by two tasks, or twice by one (a task forgets keen_ids after {@link
   * MessageFlattener#REMEMBERED_KEEPERS}): the keen_ids that may have been kept twice. Usually none: copies of an
   * attempt share its partition when the producer keys messages by keen_id, as edpipe's publisher does.
   */
  static long[] keptTwice(List<long[]> tasksHashes) {
    int total = tasksHashes.stream().mapToInt(hashes -> hashes.length).sum();
    long[] all = new long[total];
    int at = 0;
    for (long[] hashes : tasksHashes) {
      System.arraycopy(hashes, 0, all, at, hashes.length);
      at += hashes.length;
    }
    Arrays.sort(all);
    long[] twice = new long[16];
    int count = 0;
    for (int i = 1; i < all.length; i++) {
      if (all[i] == all[i - 1] && (count == 0 || twice[count - 1] != all[i])) {
        if (count == twice.length) {
          twice = Arrays.copyOf(twice, count * 2);
        }
        twice[count++] = all[i];
      }
    }
    return Arrays.copyOf(twice, count);
  }

  /**
   * The keen_ids where the tasks' choices do not hold, with their keepers, and the partitions whose tasks kept a
   * copy of one; none when all hold.
   *
   * @param keysFiles the tasks' keys files
   * @param keptTwice hashes of keen_ids that may have been kept twice ({@link #keptTwice})
   * @param attemptsLanded whether the attempts table may have rows to check against
   */
  Disputes check(List<String> keysFiles, long[] keptTwice, boolean attemptsLanded) {
    Map<String, Keeper> keepers = new HashMap<>();
    Set<Integer> partitions = new TreeSet<>();
    if (keysFiles.isEmpty() || (keptTwice.length == 0 && !attemptsLanded)) {
      return new Disputes(keepers, partitions);
    }
    Dataset<Row> keys = spark.read().parquet(keysFiles.toArray(String[]::new));
    keys.createOrReplaceTempView("edpipe_batch_keys");
    List<Row> hashes = Arrays.stream(keptTwice).mapToObj(RowFactory::create).toList();
    spark.createDataFrame(hashes, new StructType().add("hash", DataTypes.LongType)).createOrReplaceTempView("edpipe_kept_twice");
    String landedElsewhere =
        attemptsLanded
            ? """
              UNION
              SELECT b.keen_id FROM edpipe_batch_keys b JOIN attempts a ON a.keen_id = b.keen_id
              WHERE NOT (a.kafka_topic = b.kafka_topic AND a.kafka_partition = b.kafka_partition
                         AND a.kafka_offset = b.kafka_offset)"""
            : "";
    String landedKeeper =
        attemptsLanded
            ? "LEFT JOIN attempts a ON a.keen_id = d.keen_id"
            : "LEFT JOIN (SELECT CAST(NULL AS STRING) AS keen_id, CAST(NULL AS STRING) AS kafka_topic,"
                + " CAST(NULL AS INT) AS kafka_partition, CAST(NULL AS BIGINT) AS kafka_offset,"
                + " CAST(NULL AS BIGINT) AS content_hash) a ON a.keen_id = d.keen_id";
    String sql =
        """
        WITH disputed AS (
          SELECT keen_id FROM edpipe_batch_keys WHERE xxhash64(keen_id) IN (SELECT hash FROM edpipe_kept_twice)
          GROUP BY keen_id HAVING count(*) > 1
          %s),
        first AS (
          SELECT keen_id, min(struct(kafka_topic, kafka_partition, kafka_offset, content_hash)) AS k,
                 collect_set(kafka_partition) AS partitions
          FROM edpipe_batch_keys WHERE keen_id IN (SELECT keen_id FROM disputed) GROUP BY keen_id)
        SELECT d.keen_id,
               coalesce(a.kafka_topic, f.k.kafka_topic),
               coalesce(a.kafka_partition, f.k.kafka_partition),
               coalesce(a.kafka_offset, f.k.kafka_offset),
               coalesce(a.content_hash, f.k.content_hash),
               f.partitions
        FROM disputed d JOIN first f ON f.keen_id = d.keen_id
        %s"""
            .formatted(landedElsewhere, landedKeeper);
    try {
      for (Row row : spark.sql(sql).collectAsList()) {
        keepers.put(row.getString(0), new Keeper(row.getString(1), row.getInt(2), row.getLong(3), row.getLong(4)));
        partitions.addAll(row.<Integer>getList(5));
      }
    } finally {
      spark.catalog().dropTempView("edpipe_batch_keys");
      spark.catalog().dropTempView("edpipe_kept_twice");
    }
    return new Disputes(keepers, partitions);
  }

  /**
   * @param keepers the keeper of each disputed keen_id
   * @param partitions the partitions where a task kept a copy of a disputed keen_id: to be landed again with
   *     {@code keepers}
   */
  record Disputes(Map<String, Keeper> keepers, Set<Integer> partitions) {
    Disputes {
      keepers = Map.copyOf(keepers);
      partitions = Set.copyOf(partitions);
    }

    boolean isEmpty() {
      return keepers.isEmpty();
    }
  }
}

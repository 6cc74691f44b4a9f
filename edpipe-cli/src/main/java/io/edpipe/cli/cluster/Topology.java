package io.edpipe.cli.cluster;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many nodes of each engine a home's stack runs. One broker, one DataNode and no Spark worker is the embedded
 * stack, all in edpipe's process with Spark in local mode; anything else is a local cluster, every node its own
 * process.
 */
public record Topology(int brokers, int dataNodes, int sparkWorkers) {
  public static final Topology EMBEDDED = new Topology(1, 1, 0);
  public static final int MAX_BROKERS = 9;
  public static final int MAX_DATANODES = 9;
  public static final int MAX_SPARK_WORKERS = 8;
  /** Each Spark worker offers one core: one executor of one core. */
  public static final int CORES_PER_SPARK_WORKER = 1;
  private static final Pattern KEY = Pattern.compile("(\\d+)/(\\d+)/(\\d+)");

  public Topology {
    check(brokers, 1, MAX_BROKERS, "--brokers");
    check(dataNodes, 1, MAX_DATANODES, "--datanodes");
    check(sparkWorkers, 0, MAX_SPARK_WORKERS, "--spark-workers");
  }

  /** True for the embedded stack: one process, Spark in local mode. */
  public boolean isEmbedded() {
    return equals(EMBEDDED);
  }

  /** Replicas of each Kafka partition: min(3, brokers). */
  public short kafkaReplicas() {
    return (short) Math.min(3, brokers);
  }

  /** Replicas that must have a write before Kafka acknowledges it: 2 of 3, else 1. */
  public int kafkaMinInSyncReplicas() {
    return kafkaReplicas() >= 3 ? 2 : 1;
  }

  /** Replicas of each HDFS block: min(3, DataNodes). */
  public int hdfsReplication() {
    return Math.min(3, dataNodes);
  }

  /** The cores of all executors: a topic needs at least as many partitions for every core to read. */
  public int sparkExecutorCores() {
    return sparkWorkers * CORES_PER_SPARK_WORKER;
  }

  /** {@code brokers/datanodes/workers}, as the home records it. */
  public String key() {
    return brokers + "/" + dataNodes + "/" + sparkWorkers;
  }

  public static Topology parse(String key, String where) {
    Matcher matcher = KEY.matcher(key == null ? "" : key.trim());
    if (!matcher.matches()) {
      throw new PipelineException(
          ErrorCode.BAD_CONFIG, "Invalid topology %s in %s: expected BROKERS/DATANODES/SPARK_WORKERS", key, where);
    }
    return new Topology(
        Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
  }

  @Override
  public String toString() {
    return plural(brokers, "Kafka broker") + ", " + plural(dataNodes, "HDFS DataNode") + ", "
        + (sparkWorkers == 0 ? "Spark in local mode" : plural(sparkWorkers, "Spark worker"));
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private static void check(int value, int min, int max, String option) {
    if (value < min || value > max) {
      throw new PipelineException(
          ErrorCode.BAD_USAGE, "Invalid value %d for %s: must be between %d and %d", value, option, min, max);
    }
  }
}

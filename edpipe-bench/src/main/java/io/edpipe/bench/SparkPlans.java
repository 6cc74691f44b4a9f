package io.edpipe.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.xxhash64;

import io.edpipe.cli.stack.EmbeddedHdfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A bench child: lands a Kafka topic into three Parquet tables (zstd) with a plan written by hand, and prints
 * {@code PLAN <plan> messages=N seconds=S bytes=B}. The clock starts once the Spark session is up and stops when
 * the third write is committed.
 *
 * <ul>
 *   <li>{@code best}: read the topic once, {@code from_json} with the explicit schema once, keep the parsed
 *       events (memory and disk), then three writes: attempts (a projection), questions and options ({@code
 *       inline} of each array, with its position).
 *   <li>{@code naive}: for each table a job of its own that reads the topic again and parses every message again
 *       ({@code explode} over {@code from_json}), nothing kept.
 * </ul>
 */
@Command(name = "spark-plans", mixinStandardHelpOptions = true, description = "Lands a topic with a hand-written Spark plan.")
public final class SparkPlans implements Callable<Integer> {
  /** The plans. */
  public enum Plan {
    BEST,
    NAIVE
  }

  @Option(names = "--plan", required = true, description = "best or naive.")
  Plan plan;

  @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT")
  String bootstrapServers;

  @Option(names = "--topic", required = true)
  String topic;

  @Option(names = "--out", required = true, paramLabel = "URI", description = "The directory of the three tables.")
  URI out;

  @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default: ${DEFAULT-VALUE}).")
  String master;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SparkPlans()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() {
    long messages = TopicSize.messages(bootstrapServers, topic);
    SparkSession spark = session(master);
    try {
      long start = System.nanoTime();
      switch (plan) {
        case BEST -> best(spark);
        case NAIVE -> naive(spark);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("messages", messages);
      values.put("seconds", seconds);
      values.put("bytes", bytesUnder(spark, out));
      System.out.println(TaggedLine.format("PLAN", plan.name().toLowerCase(), values));
    } finally {
      spark.stop();
    }
    return 0;
  }

  /** Parse once, keep, three writes. */
  private void best(SparkSession spark) {
    Dataset<Row> parsed = parsed(spark).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      write(parsed.selectExpr(PlanTables.ATTEMPTS), "attempts");
      Dataset<Row> questions =
          parsed.selectExpr(
              append(
                  PlanTables.EVENT_OF_QUESTION,
                  "inline(transform(e.sequences.questions, (q, i) -> named_struct('position', i + 1, 'q', q)))"));
      write(questions.selectExpr(PlanTables.QUESTIONS), "questions");
      write(
          questions
              .selectExpr(
                  "keen_id",
                  "q.id AS question_id",
                  "inline(transform(q.options, (o, i) -> named_struct('position', i + 1, 'o', o)))")
              .selectExpr(PlanTables.OPTIONS),
          "options");
    } finally {
      parsed.unpersist();
    }
  }

  /** Each table from its own read and parse of the topic. */
  private void naive(SparkSession spark) {
    write(parsed(spark).selectExpr(PlanTables.ATTEMPTS), "attempts");
    write(
        parsed(spark)
            .selectExpr(append(PlanTables.EVENT_OF_QUESTION, "posexplode(e.sequences.questions) AS (index, q)"))
            .selectExpr("*", "index + 1 AS position")
            .selectExpr(PlanTables.QUESTIONS),
        "questions");
    write(
        parsed(spark)
            .selectExpr("e.keen_id AS keen_id", "explode(e.sequences.questions) AS q")
            .selectExpr("keen_id", "q.id AS question_id", "posexplode(q.options) AS (index, o)")
            .selectExpr("*", "index + 1 AS position")
            .selectExpr(PlanTables.OPTIONS),
        "options");
  }

  /** The topic from earliest to latest, each message parsed with the explicit schema. */
  private Dataset<Row> parsed(SparkSession spark) {
    return spark
        .read()
        .format("kafka")
        .option("kafka.bootstrap.servers", bootstrapServers)
        .option("subscribe", topic)
        .option("startingOffsets", "earliest")
        .option("endingOffsets", "latest")
        .option("failOnDataLoss", "true")
        .load()
        .select(
            from_json(col("value").cast("string"), RawEventSchema.EVENT).as("e"),
            xxhash64(col("value")).as("content_hash"),
            col("topic").as("kafka_topic"),
            col("partition").as("kafka_partition"),
            col("offset").as("kafka_offset"));
  }

  private void write(Dataset<Row> table, String name) {
    table.write().mode(SaveMode.Overwrite).option("compression", "zstd").parquet(out.toString() + "/" + name);
  }

  private static String[] append(String[] columns, String column) {
    String[] all = Arrays.copyOf(columns, columns.length + 1);
    all[columns.length] = column;
    return all;
  }

  private static long bytesUnder(SparkSession spark, URI directory) {
    try {
      Path path = new Path(directory);
      FileSystem fileSystem = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fileSystem.getContentSummary(path).getLength();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot measure " + directory, e);
    }
  }

  static SparkSession session(String master) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("edpipe-bench-spark-plans")
            .master(master)
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    // the same HDFS client settings as edpipe's own sessions on the embedded stack
    EmbeddedHdfs.CLIENT_SETTINGS.forEach((key, value) -> builder.config("spark.hadoop." + key, value));
    return builder.getOrCreate();
  }
}

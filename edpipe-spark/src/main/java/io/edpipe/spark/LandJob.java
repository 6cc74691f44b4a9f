package io.edpipe.spark;

import io.edpipe.core.customer.Customers;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The landing job as {@code spark-submit} runs it on a real cluster, from the job jar:
 *
 * <pre>
 * spark-submit --class io.edpipe.spark.LandJob --master yarn edpipe-spark-job.jar \
 *   --bootstrap-servers kafka1:9092 --warehouse hdfs://namenode:8020/edpipe/warehouse [--topic T]
 *   [--default-customer ID] [--kafka-property security.protocol=SASL_SSL ...] [--result FILE]
 * </pre>
 *
 * The Spark master and resources come from spark-submit. Prints the batch's summary (and with {@code --result}, writes
 * it as JSON: {@link LandResultFile}); exit code 0 on success, 2
 * for bad arguments, 1 otherwise.
 */
public final class LandJob {
  private LandJob() {}

  public static void main(String[] args) {
    Map<String, String> options = new HashMap<>();
    Map<String, String> kafkaProperties = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length || !name.startsWith("--")) {
        usage("expected --option value pairs, found " + name);
      }
      String value = args[++i];
      if (name.equals("--kafka-property")) {
        int equals = value.indexOf('=');
        if (equals < 1) {
          usage("--kafka-property takes KEY=VALUE, found " + value);
        }
        kafkaProperties.put(value.substring(0, equals), value.substring(equals + 1));
      } else {
        options.put(name, value);
      }
    }
    String bootstrapServers = options.remove("--bootstrap-servers");
    String warehouse = options.remove("--warehouse");
    String topic = options.getOrDefault("--topic", "assessment-attempts");
    options.remove("--topic");
    String defaultCustomer = options.getOrDefault("--default-customer", Customers.DEFAULT);
    options.remove("--default-customer");
    String resultFile = options.remove("--result");
    if (bootstrapServers == null || warehouse == null || !options.isEmpty()) {
      usage(options.isEmpty() ? "--bootstrap-servers and --warehouse are required" : "unknown options " + options.keySet());
    }
    String master = System.getProperty("spark.master", "local[*]");
    SparkSession spark = LakeSessions.create(new LakeConfig(URI.create(warehouse), master, Map.of()), "edpipe-land");
    try {
      LandResult result =
          new IcebergLander(spark, new KafkaMessageSource(bootstrapServers, kafkaProperties), topic, defaultCustomer)
              .land();
      System.out.printf(
          "land: %d messages of %s in %s; rows added %s; offsets now %s%n",
          result.messages(), topic, result.elapsed(), result.addedRows(), result.range().end());
      if (resultFile != null) {
        LandResultFile.write(result, Path.of(resultFile));
      }
    } catch (PipelineException e) {
      System.err.println("edpipe land: " + e.getMessage());
      spark.stop();
      System.exit(e.code().kind() == ErrorCode.Kind.USER ? 2 : 1);
    }
    spark.stop();
  }

  private static void usage(String problem) {
    System.err.println("edpipe land: " + problem);
    System.err.println(
        "usage: spark-submit --class io.edpipe.spark.LandJob edpipe-spark-job.jar --bootstrap-servers HOSTS"
            + " --warehouse URI [--topic TOPIC] [--default-customer ID] [--kafka-property KEY=VALUE]... [--result FILE]");
    System.exit(2);
  }
}

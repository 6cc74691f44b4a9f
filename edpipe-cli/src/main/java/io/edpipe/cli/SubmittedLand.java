package io.edpipe.cli;

import io.edpipe.cli.cluster.ClusterPlan;
import io.edpipe.cli.cluster.SparkJob;
import io.edpipe.cli.cluster.SubmittedJob;
import io.edpipe.cli.stack.JobJar;
import io.edpipe.cli.stack.StackSession;
import io.edpipe.spark.LandJob;
import io.edpipe.spark.LandResult;
import io.edpipe.spark.LandResultFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One landing batch as a job submitted to the home's Spark cluster: the build's job jar, {@link LandJob}, the
 * same arguments a user gives spark-submit; the job writes its result to a file this process reads.
 */
final class SubmittedLand {
  private static final Duration TIMEOUT = Duration.ofHours(6);

  private SubmittedLand() {}

  static LandResult run(StackSession session, ClusterPlan cluster, String topic, String defaultCustomer, PrintWriter out) {
    Path result;
    try {
      Files.createDirectories(cluster.directory());
      result = Files.createTempFile(cluster.directory(), "land-result-", ".json");
      Files.delete(result);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make a result file in " + cluster.directory(), e);
    }
    try {
      SubmittedJob job = cluster.submit(landJob(session, topic, defaultCustomer, result));
      out.printf(
          "land: submitted to %s (spark-submit pid %d, driver UI %s, log %s)%n", session.sparkMaster(), job.pid(), job.ui(),
          job.log());
      out.flush();
      job.await(TIMEOUT);
      return LandResultFile.read(result);
    } finally {
      try {
        Files.deleteIfExists(result);
      } catch (IOException ignored) {
        // a stale result file in the cluster's directory is harmless
      }
    }
  }

  static SparkJob landJob(StackSession session, String topic, String defaultCustomer, Path result) {
    Map<String, String> conf = new LinkedHashMap<>();
    session.hdfsClientSettings().forEach((key, value) -> conf.put("spark.hadoop." + key, value));
    List<String> arguments = new ArrayList<>(List.of(
        "--bootstrap-servers", session.bootstrapServers(),
        "--warehouse", session.warehouse().toString(),
        "--topic", topic,
        "--default-customer", defaultCustomer,
        "--result", result.toString()));
    session.kafkaProperties().forEach((key, value) -> {
      arguments.add("--kafka-property");
      arguments.add(key + "=" + value);
    });
    return new SparkJob("edpipe-land", JobJar.locate(), LandJob.class.getName(), conf, arguments);
  }
}

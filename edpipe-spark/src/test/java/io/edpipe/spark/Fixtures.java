package io.edpipe.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Shared test data and the test Spark session. */
final class Fixtures {
  private Fixtures() {}

  /** The ten real records of the public dataset, one JSON text each, verbatim. */
  static List<String> realSample() {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/real-sample.jsonl")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the real sample", e);
    }
  }

  /** A local[2] session on a lake in {@code warehouse}, driver on loopback, UI off. */
  static SparkSession session(Path warehouse, String appName) {
    return LakeSessions.create(
        new LakeConfig(
            warehouse.toUri(), "local[2]", Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1")),
        appName);
  }
}

package io.edpipe.cli.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a Spark distribution's {@code SPARK_HOME} holds for a standalone cluster, made from edpipe's own class path:
 * {@code jars/} links to Spark's, Hadoop's and their dependencies' jars, but not to what the landing job brings
 * in its own jar (edpipe, Iceberg, Spark's Kafka source, the Kafka client), so that a job submitted to the
 * cluster runs only if its jar is complete, as on a real cluster.
 */
final class SparkDistribution {
  /** The job jar's own contents (see the shade plugin of edpipe-spark): not part of a Spark distribution. */
  static final Pattern JOB_JAR_CONTENT =
      Pattern.compile("(edpipe-.*|iceberg-.*|spark-sql-kafka-.*|spark-token-provider-kafka-.*|kafka-clients-.*"
          + "|commons-pool2-.*)\\.jar");

  private SparkDistribution() {}

  /** Fills {@code sparkHome}/jars from {@code classPath} (replacing what was there) and returns the jars. */
  static List<Path> prepare(Path sparkHome, String classPath) {
    Path jars = sparkHome.resolve("jars");
    List<Path> linked = new ArrayList<>();
    try {
      if (Files.isDirectory(jars)) {
        try (Stream<Path> old = Files.list(jars)) {
          for (Path link : old.toList()) {
            Files.delete(link);
          }
        }
      }
      Files.createDirectories(jars);
      for (String entry : classPath.split(File.pathSeparator)) {
        Path jar = Path.of(entry).toAbsolutePath();
        String name = jar.getFileName().toString();
        if (!name.endsWith(".jar") || !Files.isRegularFile(jar) || JOB_JAR_CONTENT.matcher(name).matches()) {
          continue;
        }
        Path link = jars.resolve(name);
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, jar);
          linked.add(link);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the Spark distribution in " + sparkHome, e);
    }
    return linked;
  }

  /** The class path of a JVM running from the distribution: {@code SPARK_HOME/jars/*}. */
  static String classPath(Path sparkHome) {
    return sparkHome.resolve("jars") + File.separator + "*";
  }
}

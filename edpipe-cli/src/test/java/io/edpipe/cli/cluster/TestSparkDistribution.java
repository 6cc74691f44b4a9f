package io.edpipe.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSparkDistribution {
  @Test
  void linksSparksJarsButNotWhatTheJobJarBrings(@TempDir Path directory) throws IOException {
    Path lib = Files.createDirectories(directory.resolve("lib"));
    List<String> names =
        List.of("spark-core_2.13-4.0.0.jar", "hadoop-client-api-3.4.1.jar", "iceberg-spark-runtime-4.0_2.13-1.10.0.jar",
            "spark-sql-kafka-0-10_2.13-4.0.0.jar", "kafka-clients-3.9.0.jar", "edpipe-core-0.1.0-SNAPSHOT.jar");
    StringBuilder classPath = new StringBuilder(directory.resolve("classes").toString());
    for (String name : names) {
      classPath.append(File.pathSeparator).append(Files.createFile(lib.resolve(name)));
    }
    Path home = directory.resolve("spark-home");
    Files.createDirectories(home.resolve("jars"));
    Files.createFile(home.resolve("jars").resolve("stale-1.0.jar"));

    SparkDistribution.prepare(home, classPath.toString());

    try (var jars = Files.list(home.resolve("jars"))) {
      assertThat(jars.map(jar -> jar.getFileName().toString()))
          .containsExactlyInAnyOrder("spark-core_2.13-4.0.0.jar", "hadoop-client-api-3.4.1.jar");
    }
    assertThat(Files.isSymbolicLink(home.resolve("jars").resolve("spark-core_2.13-4.0.0.jar"))).isTrue();
    assertThat(SparkDistribution.classPath(home)).isEqualTo(home.resolve("jars") + "/*");
  }
}

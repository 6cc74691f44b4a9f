package io.edpipe.cli.cluster;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Spark application for spark-submit: the job jar, its main class and arguments, and the settings given as
 * {@code --conf}.
 */
public record SparkJob(String name, Path jar, String mainClass, Map<String, String> conf, List<String> arguments) {
  public SparkJob {
    requireNonNull(name, "name is null");
    requireNonNull(jar, "jar is null");
    requireNonNull(mainClass, "mainClass is null");
    conf = Map.copyOf(requireNonNull(conf, "conf is null"));
    arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
  }
}

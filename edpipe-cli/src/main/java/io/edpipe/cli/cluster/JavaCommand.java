package io.edpipe.cli.cluster;

import static java.util.Objects.requireNonNull;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM that runs one main class from a class path, with the module flags this process was
 * started with (Spark, Hadoop and Kafka need the same --add-opens on Java 17).
 */
public record JavaCommand(
    String heap, List<String> options, String classPath, String mainClass, List<String> arguments) {
  /** The system property that marks a node's JVM with its cluster's directory: how orphans are found. */
  static final String NODE_MARKER = "edpipe.cluster";

  /**
   * The JVM options of a cluster's service nodes (brokers, NameNode, DataNodes, Spark's master and workers): the
   * quick compiler only and one GC thread, since on a small machine a dozen JVMs start at once and their start is
   * what costs (a third off the cluster's start here).
   */
  public static final List<String> SERVICE_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /**
   * The JVM options of the applications on a local cluster (a submitted job's driver, every application's executors):
   * the quick compiler only. They share one machine's cores with the cluster's services, and C2 compiling Spark there
   * costs more than it gains: landing 10,000 messages on 3/2/1 took 22.2 s and 29 s of the machine's CPU with it,
   * 28.5 s and 48 s without; 50,000 messages 24.7 s against 33.1 s.
   */
  public static final List<String> APPLICATION_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

  public JavaCommand {
    requireNonNull(heap, "heap is null");
    options = List.copyOf(requireNonNull(options, "options is null"));
    requireNonNull(classPath, "classPath is null");
    requireNonNull(mainClass, "mainClass is null");
    arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
  }

  /** A service node running {@code mainClass} on this process's own class path. */
  public static JavaCommand ofOwnClassPath(String heap, String mainClass, List<String> arguments) {
    return new JavaCommand(heap, SERVICE_OPTIONS, System.getProperty("java.class.path"), mainClass, arguments);
  }

  /** The command line, marked as a node of the cluster in {@code clusterDirectory}. */
  public List<String> toList(Path clusterDirectory) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-D" + NODE_MARKER + "=" + clusterDirectory);
    command.add("-Xmx" + heap);
    command.addAll(options);
    command.addAll(moduleFlags());
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(arguments);
    return command;
  }

  /** This JVM's --add-opens / --add-exports and the JDK and Netty reflection switches that go with them. */
  static List<String> moduleFlags() {
    List<String> flags = new ArrayList<>();
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-opens") || argument.startsWith("--add-exports")
          || argument.startsWith("-Djdk.reflect.") || argument.startsWith("-Dio.netty.")) {
        flags.add(argument);
      }
    }
    return flags;
  }
}

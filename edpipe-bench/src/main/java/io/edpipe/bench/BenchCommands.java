package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The command lines of the bench's children: {@code ./edpipe} commands, and Java mains on the bench's classpath. */
final class BenchCommands {
  private final BenchConfig config;

  BenchCommands(BenchConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  /** {@code ./edpipe ARGS} with the measured JVMs' heap. */
  ChildCommand edpipe(String step, String... args) {
    return edpipeWithJvm(step, BenchConfig.HEAP, args);
  }

  /** {@code ./edpipe ARGS} with these JVM options ({@code EDPIPE_JAVA_OPTS}). */
  ChildCommand edpipeWithJvm(String step, String javaOptions, String... args) {
    return new ChildCommand(step, concat(edpipeCommand(), args), Map.of("EDPIPE_JAVA_OPTS", javaOptions));
  }

  List<String> edpipeCommand() {
    return List.of(config.root().resolve("edpipe").toString());
  }

  /** {@code java} with the measured JVMs' heap and the opens flags, on the bench's classpath. */
  ChildCommand java(String step, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add("java");
    command.add(BenchConfig.HEAP);
    command.addAll(config.jvmOptions());
    command.add("-Duser.timezone=UTC");
    command.add("-cp");
    command.add(classpath());
    command.add(mainClass);
    command.addAll(Arrays.asList(args));
    return new ChildCommand(step, command);
  }

  private String classpath() {
    String bench = config.root().resolve("edpipe-bench/target").toString();
    return bench + "/edpipe-bench.jar:" + bench + "/lib/*";
  }

  static List<String> concat(List<String> command, String... args) {
    List<String> all = new ArrayList<>(command);
    all.addAll(Arrays.asList(args));
    return List.copyOf(all);
  }
}

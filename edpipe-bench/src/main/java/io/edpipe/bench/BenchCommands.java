package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command lines of the bench's children: edpipe commands, and Java mains on the bench's classpath.
 *
 * <p>An edpipe command runs exactly as {@code ./edpipe} runs it ({@code java $EDPIPE_JAVA_OPTS <opens> -cp
 * edpipe-cli/target/edpipe-cli.jar:edpipe-cli/target/lib/* io.edpipe.cli.Main}) but without the script's check for
 * a stale build: bench/run builds before it starts, and a source edited during a run must not rebuild the jars
 * under the running bench.
 */
final class BenchCommands {
  private final BenchConfig config;

  BenchCommands(BenchConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  /** {@code edpipe ARGS} with the measured JVMs' heap. */
  ChildCommand edpipe(String step, String... args) {
    return edpipeWithJvm(step, List.of(BenchConfig.HEAP), args);
  }

  /** {@code edpipe ARGS} with these JVM options (what {@code EDPIPE_JAVA_OPTS} gives ./edpipe). */
  ChildCommand edpipeWithJvm(String step, List<String> javaOptions, String... args) {
    String cli = config.root().resolve("edpipe-cli/target").toString();
    return java(step, javaOptions, cli + "/edpipe-cli.jar:" + cli + "/lib/*", "io.edpipe.cli.Main", args);
  }

  /** {@code java} with the measured JVMs' heap and the opens flags, on the bench's classpath. */
  ChildCommand benchJava(String step, String mainClass, String... args) {
    String bench = config.root().resolve("edpipe-bench/target").toString();
    return java(
        step, List.of(BenchConfig.HEAP, "-Duser.timezone=UTC"), bench + "/edpipe-bench.jar:" + bench + "/lib/*", mainClass, args);
  }

  private ChildCommand java(String step, List<String> javaOptions, String classpath, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add("java");
    command.addAll(javaOptions);
    command.addAll(config.jvmOptions());
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(Arrays.asList(args));
    return new ChildCommand(step, command);
  }
}

package io.edpipe.cli;

import io.edpipe.cli.stack.StackHome;
import io.edpipe.cli.stack.StackSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the stack is: an embedded one under --home, or real clusters named explicitly. */
public final class StackOptions {
  @Option(
      names = "--home",
      paramLabel = "DIR",
      defaultValue = "edpipe-home",
      description = "The embedded stack's state (Kafka logs, HDFS storage) and endpoints (default: ${DEFAULT-VALUE}).")
  Path home;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT,...",
      description = "A real Kafka cluster, instead of the embedded broker.")
  String bootstrapServers;

  @Option(
      names = "--warehouse",
      paramLabel = "URI",
      description = "The Iceberg warehouse on a real file system (hdfs://namenode:8020/edpipe, file:/tmp/lake), "
          + "instead of the embedded HDFS.")
  URI warehouse;

  @Option(
      names = "--spark-master",
      paramLabel = "MASTER",
      defaultValue = "local[*]",
      description = "Spark master URL (default: ${DEFAULT-VALUE}).")
  String sparkMaster;

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description = "An extra Kafka client setting (e.g. security.protocol=SASL_SSL); repeatable.")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  public StackSettings settings() {
    return new StackSettings(
        new StackHome(home),
        Optional.ofNullable(bootstrapServers),
        Optional.ofNullable(warehouse),
        sparkMaster,
        kafkaProperties);
  }
}

package io.edpipe.cli;

import io.edpipe.cli.stack.EdpipeConfig;
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
      description = "Spark master URL (default: the home's Spark cluster if it has one, else local[*]).")
  String sparkMaster;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Real clusters' settings: bootstrap.servers, warehouse, spark.master, kafka.* (Kafka client"
          + " settings); EDPIPE_BOOTSTRAP_SERVERS, EDPIPE_WAREHOUSE, EDPIPE_SPARK_MASTER, EDPIPE_KAFKA_* override it,"
          + " options override both (default: $EDPIPE_CONFIG).",
      defaultValue = "${env:EDPIPE_CONFIG}")
  Path config;

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description = "An extra Kafka client setting (e.g. security.protocol=SASL_SSL); repeatable.")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  public StackSettings settings() {
    EdpipeConfig file = EdpipeConfig.load(Optional.ofNullable(config), System.getenv());
    Map<String, String> kafka = new LinkedHashMap<>(file.kafkaProperties());
    kafka.putAll(kafkaProperties);
    return new StackSettings(
        new StackHome(home),
        Optional.ofNullable(bootstrapServers).or(file::bootstrapServers),
        Optional.ofNullable(warehouse).or(file::warehouse),
        Optional.ofNullable(sparkMaster).or(file::sparkMaster),
        kafka,
        Optional.empty());
  }
}

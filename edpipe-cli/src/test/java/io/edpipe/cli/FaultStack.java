package io.edpipe.cli;

import io.edpipe.cli.stack.EmbeddedHdfs;
import io.edpipe.cli.stack.KeptPorts;
import io.edpipe.cli.stack.StackSession;
import io.edpipe.kafka.EmbeddedKafka;
import io.edpipe.kafka.EmbeddedKafkaConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kafka broker and an HDFS in the test's JVM, so that the test can stop and restart them under edpipe running
 * in child processes. Children reach them through explicit endpoints, as they would reach a real cluster.
 */
final class FaultStack implements AutoCloseable {
  /** What a child needs to write to a one-DataNode HDFS. */
  static final List<String> CHILD_JVM_OPTIONS =
      List.of(
          "-Dspark.hadoop.dfs.replication=1",
          "-Dspark.hadoop.dfs.client.block.write.locateFollowingBlock.initial.delay.ms=20");

  private final Path directory;
  private final EmbeddedHdfs hdfs;
  private EmbeddedKafka kafka;
  private final int brokerPort;
  private final int controllerPort;

  private FaultStack(Path directory, EmbeddedHdfs hdfs, EmbeddedKafka kafka) {
    this.directory = directory;
    this.hdfs = hdfs;
    this.kafka = kafka;
    this.brokerPort = kafka.brokerPort();
    this.controllerPort = kafka.controllerPort();
  }

  static FaultStack start(Path directory) throws IOException {
    EmbeddedHdfs hdfs = EmbeddedHdfs.start(directory.resolve("hdfs"), KeptPorts.free(List.of()));
    try {
      EmbeddedKafka kafka =
          EmbeddedKafka.start(
              EmbeddedKafkaConfig.inDirectory(directory.resolve("kafka"))
                  .withPorts(KeptPorts.free(List.of()), KeptPorts.free(List.of())));
      return new FaultStack(directory, hdfs, kafka);
    } catch (RuntimeException e) {
      hdfs.close();
      throw e;
    }
  }

  String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  URI warehouse() {
    return StackSession.warehouseOn(hdfs.uri());
  }

  EmbeddedHdfs hdfs() {
    return hdfs;
  }

  /** {@code args} followed by the options that point edpipe at this stack. */
  String[] args(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--home", directory.resolve("home").toString(),
            "--bootstrap-servers", bootstrapServers(),
            "--warehouse", warehouse().toString()));
    return all.toArray(String[]::new);
  }

  CliRun run(String... args) {
    return CliRun.of(CHILD_JVM_OPTIONS, args(args));
  }

  CliProcess spawn(String name, String... args) {
    return CliProcess.start(directory.resolve("logs"), name, CHILD_JVM_OPTIONS, args(args));
  }

  /** Stops the broker, waits {@code down}, starts it again on the same ports with the same logs. */
  void restartKafka(Duration down) throws InterruptedException {
    kafka.close();
    kafka = null;
    Thread.sleep(down.toMillis());
    kafka =
        EmbeddedKafka.start(
            EmbeddedKafkaConfig.inDirectory(directory.resolve("kafka")).withPorts(brokerPort, controllerPort));
  }

  @Override
  public void close() {
    try {
      if (kafka != null) {
        kafka.close();
      }
    } finally {
      hdfs.close();
    }
  }
}

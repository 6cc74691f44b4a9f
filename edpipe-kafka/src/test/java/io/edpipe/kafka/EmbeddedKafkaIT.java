package io.edpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Plain Kafka clients against the embedded broker, so this test does not depend on the stage classes. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedKafkaIT {
  @TempDir Path directory;

  @Test
  void startsAKraftNodeThatServesClients() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.inDirectory(directory));
        Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.brokerPort());
      assertThat(admin.describeCluster().clusterId().get()).isEqualTo(kafka.clusterId());
      assertThat(admin.describeCluster().nodes().get()).hasSize(1);

      admin.createTopics(List.of(new NewTopic("smoke", 1, (short) 1))).all().get();
      produce(kafka, "smoke", List.of("one", "two"));

      assertThat(consumeAll(kafka, "smoke", 2)).containsExactly("one", "two");
    }
  }

  @Test
  void keepsTopicsAndMessagesAcrossARestartOnTheSameDirectory() throws Exception {
    int brokerPort;
    int controllerPort;
    String clusterId;
    try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.inDirectory(directory));
        Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("durable", 2, (short) 1))).all().get();
      produce(kafka, "durable", List.of("a", "b", "c"));
      brokerPort = kafka.brokerPort();
      controllerPort = kafka.controllerPort();
      clusterId = kafka.clusterId();
    }

    EmbeddedKafkaConfig samePorts = EmbeddedKafkaConfig.inDirectory(directory).withPorts(brokerPort, controllerPort);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(samePorts)) {
      assertThat(kafka.clusterId()).isEqualTo(clusterId);
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + brokerPort);
      assertThat(consumeAll(kafka, "durable", 3)).containsExactlyInAnyOrder("a", "b", "c");
    }
  }

  @Test
  void closesWithoutLeavingThreadsBehind() {
    Set<Thread> before = nonDaemonThreads();
    EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.inDirectory(directory));

    kafka.close();
    kafka.close(); // harmless

    awaitNoNewNonDaemonThreads(before);
  }

  @Test
  void reportsAPortInUseAndCleansUp() throws Exception {
    Set<Thread> before = nonDaemonThreads();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      EmbeddedKafkaConfig config = EmbeddedKafkaConfig.inDirectory(directory).withPorts(taken.getLocalPort(), 0);

      assertThatThrownBy(() -> EmbeddedKafka.start(config))
          .isInstanceOf(PipelineException.class)
          .hasMessage(
              "Cannot start embedded Kafka in " + directory.toAbsolutePath() + ": Socket server failed to bind to"
                  + " 127.0.0.1:" + taken.getLocalPort() + ": Address already in use.")
          .extracting(e -> ((PipelineException) e).code())
          .isEqualTo(ErrorCode.STACK_FAILED);
    }
    awaitNoNewNonDaemonThreads(before);
  }

  @Test
  void refusesADirectoryFromAnotherNode() throws Exception {
    Files.writeString(directory.resolve("meta.properties"), "version=1\ncluster.id=abc\nnode.id=7\n");

    assertThatThrownBy(() -> EmbeddedKafka.start(EmbeddedKafkaConfig.inDirectory(directory)))
        .hasMessage(
            "Cannot reuse Kafka log directory " + directory.toAbsolutePath()
                + ": meta.properties is not from an embedded broker (cluster.id abc, node.id 7)");
  }

  private static Set<Thread> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !thread.isDaemon() && thread.isAlive())
        .collect(Collectors.toSet());
  }

  private static void produce(EmbeddedKafka kafka, String topic, List<String> values) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(topic, value)).get();
      }
    }
  }

  private static List<String> consumeAll(EmbeddedKafka kafka, String topic, int expected) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<String> values = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                  values.add(record.value());
                }
                return values.size() >= expected;
              });
      return values;
    }
  }

  /** Kafka's threads end a little after close(): wait for every non-daemon thread started since {@code before}. */
  private static void awaitNoNewNonDaemonThreads(Set<Thread> before) {
    await().atMost(Duration.ofSeconds(30))
        .pollInSameThread()
        .untilAsserted(
            () -> assertThat(nonDaemonThreads().stream().filter(thread -> !before.contains(thread)))
                .extracting(Thread::getName)
                .isEmpty());
  }
}

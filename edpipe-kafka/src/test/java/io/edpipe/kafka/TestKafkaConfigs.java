package io.edpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edpipe.core.input.OnBad;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Validation and defaults of the Kafka config records. */
class TestKafkaConfigs {
  private static final KafkaClientConfig CLIENT = KafkaClientConfig.of("127.0.0.1:9092");

  @Test
  void clientConfigDefaults() {
    assertThat(KafkaClientConfig.of("a:1,b:2"))
        .isEqualTo(new KafkaClientConfig("a:1,b:2", Duration.ofSeconds(30), Map.of()));
  }

  @Test
  void clientConfigChecksBootstrapServersTimeoutAndProperties() {
    assertThatThrownBy(() -> KafkaClientConfig.of(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bootstrapServers is empty");
    assertThatThrownBy(() -> KafkaClientConfig.of("a:1,localhost"))
        .hasMessage("Invalid bootstrap server 'localhost' in a:1,localhost: expected host:port");
    assertThatThrownBy(() -> KafkaClientConfig.of("a:99999"))
        .hasMessage("Invalid bootstrap server 'a:99999' in a:99999: expected host:port");
    assertThatThrownBy(() -> CLIENT.withRequestTimeout(Duration.ZERO))
        .hasMessage("requestTimeout must be positive: PT0S");
    assertThatThrownBy(() -> CLIENT.withClientProperties(Map.of("value.serializer", "x")))
        .hasMessage("Invalid client property value.serializer: set by edpipe");
  }

  @Test
  void clientPropertiesGoOverDefaultsAndUnderOwnedSettings() {
    KafkaClientConfig client = CLIENT.withClientProperties(Map.of("linger.ms", "5", "security.protocol", "SASL_SSL"));

    assertThat(client.clientProperties(Map.of("linger.ms", 20, "batch.size", 1), Map.of("acks", "all")))
        .isEqualTo(
            Map.of(
                "linger.ms", "5",
                "batch.size", 1,
                "security.protocol", "SASL_SSL",
                "acks", "all",
                "bootstrap.servers", "127.0.0.1:9092"));
  }

  @Test
  void embeddedKafkaConfigDefaultsAndChecks() {
    Path directory = Path.of("kafka-data");

    assertThat(EmbeddedKafkaConfig.inDirectory(directory))
        .isEqualTo(new EmbeddedKafkaConfig(directory, 0, 0, Duration.ofMinutes(2), Map.of(), Map.of()));
    assertThatThrownBy(() -> EmbeddedKafkaConfig.inDirectory(directory).withPorts(70000, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("brokerPort must be between 0 and 65535: 70000");
    assertThatThrownBy(() -> EmbeddedKafkaConfig.inDirectory(directory).withPorts(9092, 9092))
        .hasMessage("brokerPort and controllerPort must differ: 9092");
    assertThatThrownBy(() -> EmbeddedKafkaConfig.inDirectory(directory).withBrokerProperties(Map.of("listeners", "x")))
        .hasMessage("Invalid broker property listeners: set by EmbeddedKafka");
    assertThatThrownBy(() -> EmbeddedKafkaConfig.inDirectory(directory).withStartupTimeout(Duration.ofSeconds(-1)))
        .hasMessage("startupTimeout must be positive: PT-1S");
    // names and passwords go unquoted into a JAAS line and a SCRAM credential argument
    assertThat(EmbeddedKafkaConfig.inDirectory(directory).withSaslUsers(Map.of("alice", "s3cret-1.x_")).saslUsers())
        .containsEntry("alice", "s3cret-1.x_");
    assertThatThrownBy(() -> EmbeddedKafkaConfig.inDirectory(directory).withSaslUsers(Map.of("alice", "a]b")))
        .hasMessage("Invalid SASL user alice: letters, digits, . _ - only, in names and passwords");
    assertThatThrownBy(() -> EmbeddedKafkaConfig.inDirectory(directory).withSaslUsers(Map.of("al ice", "x")))
        .hasMessage("Invalid SASL user al ice: letters, digits, . _ - only, in names and passwords");
  }

  @Test
  void publisherConfigNeedsARejectsFileToSkip() {
    assertThat(TopicPublisherConfig.failingOnBad(CLIENT, "attempts"))
        .isEqualTo(
            new TopicPublisherConfig(CLIENT, "attempts", OnBad.FAIL, Optional.empty(), Duration.ofMillis(200), Optional.empty()));
    assertThatThrownBy(
            () -> new TopicPublisherConfig(CLIENT, "attempts", OnBad.SKIP, Optional.empty(), Duration.ofMillis(200), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rejectsFile is required when onBad is SKIP");
    assertThatThrownBy(
            () -> TopicPublisherConfig.failingOnBad(CLIENT.withClientProperties(Map.of("acks", "1")), "attempts"))
        .hasMessage("Invalid client property acks: set by edpipe");
    assertThatThrownBy(() -> TopicPublisherConfig.failingOnBad(CLIENT, "bad topic"))
        .hasMessage("Invalid topic name 'bad topic': use 1 to 249 letters, digits, '.', '_' or '-'");
  }

  @Test
  void consumerConfigDefaultsAndChecks() {
    assertThat(TopicConsumerConfig.wholeTopic(CLIENT, "attempts"))
        .isEqualTo(
            new TopicConsumerConfig(
                CLIENT, "attempts", OptionalInt.empty(), StartPosition.beginning(), OptionalLong.empty(),
                ConsumeMode.UNTIL_END));
    assertThatThrownBy(() -> TopicConsumerConfig.wholeTopic(CLIENT, "attempts").withPartition(-1))
        .hasMessage("partition must not be negative: -1");
    assertThatThrownBy(() -> TopicConsumerConfig.wholeTopic(CLIENT, "attempts").withMaxMessages(0))
        .hasMessage("maxMessages must be positive: 0");
    assertThatThrownBy(
            () -> TopicConsumerConfig.wholeTopic(CLIENT.withClientProperties(Map.of("group.id", "g")), "attempts"))
        .hasMessage("Invalid client property group.id: set by edpipe");
  }

  @Test
  void startPositionsResolveWithinThePartition() {
    assertThat(StartPosition.beginning().resolve(5, 10)).isEqualTo(5);
    assertThat(StartPosition.end().resolve(5, 10)).isEqualTo(10);
    assertThat(StartPosition.offset(7).resolve(5, 10)).isEqualTo(7);
    assertThat(StartPosition.offset(2).resolve(5, 10)).isEqualTo(5);
    assertThat(StartPosition.offset(99).resolve(5, 10)).isEqualTo(10);
    assertThatThrownBy(() -> StartPosition.offset(-1)).hasMessage("offset must not be negative: -1");
  }

  @Test
  void topicSpecChecksNameAndCounts() {
    assertThat(TopicSpec.of("attempts", 3)).isEqualTo(new TopicSpec("attempts", 3, Optional.empty(), Map.of()));
    assertThat(TopicSpec.of("attempts", 3).withReplicationFactor((short) 3).replicationFactor()).contains((short) 3);
    assertThatThrownBy(() -> TopicSpec.of("attempts", 1).withReplicationFactor((short) 0))
        .hasMessage("replicationFactor must be positive: 0");
    assertThatThrownBy(() -> TopicSpec.of("attempts", 0)).hasMessage("partitions must be positive: 0");
    assertThatThrownBy(() -> TopicSpec.of("..", 1))
        .hasMessage("Invalid topic name '..': use 1 to 249 letters, digits, '.', '_' or '-'");
    assertThatThrownBy(() -> TopicSpec.of("a".repeat(250), 1)).hasMessageStartingWith("Invalid topic name 'aaaa");
  }
}

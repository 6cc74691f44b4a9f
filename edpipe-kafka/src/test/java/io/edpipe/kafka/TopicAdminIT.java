package io.edpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import io.edpipe.core.input.ReadResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TopicAdminIT {
  private Path directory;
  private EmbeddedKafka kafka;
  private KafkaClientConfig client;
  private TopicAdmin admin;

  @BeforeAll
  void startKafka(@TempDir Path directory) {
    this.directory = directory;
    kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.inDirectory(directory.resolve("kafka")));
    client = KafkaClientConfig.of(kafka.bootstrapServers());
    admin = TopicAdmin.create(client);
  }

  @AfterAll
  void stopKafka() {
    try {
      admin.close();
    } finally {
      kafka.close();
    }
  }

  @Test
  void createsATopicOnceAndAcceptsTheSameSpecAgain() {
    TopicSpec spec = TopicSpec.of("admin-create", 3);

    assertThat(admin.create(spec)).isEqualTo(TopicCreation.CREATED);
    assertThat(admin.create(spec)).isEqualTo(TopicCreation.ALREADY_EXISTS);
    assertThat(admin.list()).contains("admin-create");
  }

  @Test
  void refusesToRecreateATopicWithOtherPartitions() {
    admin.create(TopicSpec.of("admin-partitions", 2));

    assertThatThrownBy(() -> admin.create(TopicSpec.of("admin-partitions", 4)))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Cannot create topic admin-partitions with 4 partitions: it already exists with 2 partitions")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.BAD_CONFIG);
  }

  @Test
  void refusesAReplicationFactorTheClusterCannotHave() {
    assertThatThrownBy(() -> admin.create(new TopicSpec("admin-replicas", 1, (short) 3, Map.of())))
        .isInstanceOf(PipelineException.class)
        .hasMessageStartingWith("Cannot create topic admin-replicas at " + kafka.bootstrapServers() + ": ")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.BAD_CONFIG);
  }

  @Test
  void describesPartitionsOffsetsAndSettings() throws Exception {
    admin.create(TopicSpec.of("admin-describe", 2).withConfig(Map.of("max.message.bytes", "50000")));
    try (TopicPublisher publisher =
        TopicPublisher.create(TopicPublisherConfig.failingOnBad(client, "admin-describe"))) {
      List<ReadResult> sample = Fixtures.readAll(Fixtures.sampleFile(directory));
      publisher.publish(sample.iterator());
    }

    TopicDescription description = admin.describe("admin-describe");

    assertThat(description.name()).isEqualTo("admin-describe");
    assertThat(description.topicId()).isNotBlank();
    assertThat(description.partitions())
        .extracting(PartitionDescription::partition, PartitionDescription::leader, PartitionDescription::replicas)
        .containsExactly(
            tuple(0, 1, List.of(1)), tuple(1, 1, List.of(1)));
    assertThat(description.partitions()).extracting(PartitionDescription::earliestOffset).containsOnly(0L);
    assertThat(description.messageCount()).isEqualTo(10);
    assertThat(description.maxMessageBytes()).isEqualTo(50_000);
    assertThat(description.overrides()).isEqualTo(Map.of("max.message.bytes", "50000"));
    assertThat(description.config()).containsEntry("cleanup.policy", "delete");
  }

  @Test
  void refusesToDescribeAMissingTopic() {
    assertThatThrownBy(() -> admin.describe("admin-missing"))
        .isInstanceOf(PipelineException.class)
        .hasMessageStartingWith("Cannot describe topic admin-missing at " + kafka.bootstrapServers() + ": ")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.BAD_CONFIG);
  }
}

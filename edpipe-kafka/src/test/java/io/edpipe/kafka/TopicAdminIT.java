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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TopicAdminIT {
  @RegisterExtension static final KafkaCluster KAFKA = new KafkaCluster();

  @Test
  void createsATopicOnceAndAcceptsTheSameSpecAgain() {
    TopicSpec spec = TopicSpec.of("admin-create", 3);

    assertThat(KAFKA.admin().create(spec)).isEqualTo(TopicCreation.CREATED);
    assertThat(KAFKA.admin().create(spec)).isEqualTo(TopicCreation.ALREADY_EXISTS);
    // the spec left the replicas to the broker: its default.replication.factor, 1
    assertThat(KAFKA.admin().describe("admin-create").partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
    assertThat(KAFKA.admin().create(spec.withReplicationFactor((short) 1))).isEqualTo(TopicCreation.ALREADY_EXISTS);
    assertThat(KAFKA.admin().list()).contains("admin-create");
  }

  @Test
  void refusesToRecreateATopicWithOtherPartitions() {
    KAFKA.admin().create(TopicSpec.of("admin-partitions", 2));

    assertThatThrownBy(() -> KAFKA.admin().create(TopicSpec.of("admin-partitions", 4)))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Cannot create topic admin-partitions with 4 partitions: it already exists with 2 partitions")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.BAD_CONFIG);
  }

  @Test
  void refusesAReplicationFactorTheClusterCannotHave() {
    assertThatThrownBy(() -> KAFKA.admin().create(TopicSpec.of("admin-replicas", 1).withReplicationFactor((short) 3)))
        .isInstanceOf(PipelineException.class)
        .hasMessageStartingWith("Cannot create topic admin-replicas at " + KAFKA.kafka().bootstrapServers() + ": ")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.BAD_CONFIG);
  }

  @Test
  void describesPartitionsOffsetsAndSettings() throws Exception {
    KAFKA.admin().create(TopicSpec.of("admin-describe", 2).withConfig(Map.of("max.message.bytes", "50000")));
    try (TopicPublisher publisher =
        TopicPublisher.create(TopicPublisherConfig.failingOnBad(KAFKA.client(), "admin-describe"))) {
      List<ReadResult> sample = Fixtures.readAll(Fixtures.sampleFile(KAFKA.directory()));
      publisher.publish(sample.iterator());
    }

    TopicDescription description = KAFKA.admin().describe("admin-describe");

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
    assertThatThrownBy(() -> KAFKA.admin().describe("admin-missing"))
        .isInstanceOf(PipelineException.class)
        .hasMessageStartingWith("Cannot describe topic admin-missing at " + KAFKA.kafka().bootstrapServers() + ": ")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.BAD_CONFIG);
  }
}

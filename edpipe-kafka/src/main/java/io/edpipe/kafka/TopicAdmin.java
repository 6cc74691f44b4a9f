package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates, describes and lists topics. Thread-safe. */
public final class TopicAdmin implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);
  private static final Duration PROPAGATION_TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;
  private final String bootstrapServers;

  TopicAdmin(Admin admin, String bootstrapServers) {
    this.admin = requireNonNull(admin, "admin is null");
    this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers is null");
  }

  public static TopicAdmin create(KafkaClientConfig config) {
    requireNonNull(config, "config is null");
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.requestTimeout().toMillis());
    Map<String, Object> properties =
        config.clientProperties(
            Map.of(
                "client.id", "edpipe-admin",
                "request.timeout.ms", timeoutMillis,
                "default.api.timeout.ms", timeoutMillis),
            Map.of());
    try {
      return new TopicAdmin(Admin.create(properties), config.bootstrapServers());
    } catch (KafkaException e) {
      throw KafkaCalls.clientFailure("admin client for " + config.bootstrapServers(), e);
    }
  }

  /**
   * Creates the topic, or accepts an existing one with the same partition count and replication factor (any, if the
   * spec leaves it to the cluster).
   *
   * @throws PipelineException ({@link ErrorCode#BAD_CONFIG}) if the topic exists with other partitions or
   *     replication, or if Kafka refuses the spec
   */
  public TopicCreation create(TopicSpec spec) {
    requireNonNull(spec, "spec is null");
    NewTopic newTopic =
        new NewTopic(spec.name(), Optional.of(spec.partitions()), spec.replicationFactor()).configs(spec.config());
    try {
      admin.createTopics(List.of(newTopic)).all().get();
      awaitPropagated(spec.name());
      log.info("Created topic {} with {} partitions at {}", spec.name(), spec.partitions(), bootstrapServers);
      return TopicCreation.CREATED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineException(ErrorCode.KAFKA_UNAVAILABLE, e, "Cannot create topic %s: interrupted", spec.name());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw KafkaCalls.failure(action("create topic", spec.name()), e.getCause());
      }
    }
    return checkExisting(spec);
  }

  /**
   * Waits until the new topic can be described, its partitions' leaders answering for it: the controller has
   * created it, but on a cluster the brokers learn of it a moment later, and a publish that came first would be
   * told the topic does not exist.
   */
  private void awaitPropagated(String topic) throws InterruptedException {
    long deadline = System.nanoTime() + PROPAGATION_TIMEOUT.toNanos();
    while (true) {
      try {
        describe(topic);
        return;
      } catch (PipelineException e) {
        boolean notYet =
            e.getCause() instanceof UnknownTopicOrPartitionException || e.getCause() instanceof LeaderNotAvailableException
                || e.getCause() instanceof NotLeaderOrFollowerException;
        if (!notYet || System.nanoTime() > deadline) {
          throw e;
        }
      }
      Thread.sleep(100);
    }
  }

  private TopicCreation checkExisting(TopicSpec spec) {
    TopicDescription existing = describe(spec.name());
    if (existing.partitionCount() != spec.partitions()) {
      throw new PipelineException(
          ErrorCode.BAD_CONFIG,
          "Cannot create topic %s with %d partitions: it already exists with %d partitions",
          spec.name(), spec.partitions(), existing.partitionCount());
    }
    int replicationFactor = existing.partitions().get(0).replicas().size();
    if (spec.replicationFactor().isPresent() && replicationFactor != spec.replicationFactor().get()) {
      throw new PipelineException(
          ErrorCode.BAD_CONFIG,
          "Cannot create topic %s with replication factor %d: it already exists with replication factor %d",
          spec.name(), spec.replicationFactor().get(), replicationFactor);
    }
    log.info("Topic {} already exists with {} partitions", spec.name(), spec.partitions());
    return TopicCreation.ALREADY_EXISTS;
  }

  /**
   * Partitions (leader, replicas, earliest and latest offsets) and settings of a topic.
   *
   * @throws PipelineException ({@link ErrorCode#BAD_CONFIG}) if there is no such topic
   */
  public TopicDescription describe(String topic) {
    TopicNames.check(topic);
    String action = action("describe topic", topic);
    org.apache.kafka.clients.admin.TopicDescription description =
        KafkaCalls.await(admin.describeTopics(List.of(topic)).topicNameValues().get(topic), action);
    List<TopicPartition> partitions =
        description.partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    Map<TopicPartition, ListOffsetsResultInfo> earliest =
        KafkaCalls.await(admin.listOffsets(specs(partitions, OffsetSpec.earliest())).all(), action);
    Map<TopicPartition, ListOffsetsResultInfo> latest =
        KafkaCalls.await(admin.listOffsets(specs(partitions, OffsetSpec.latest())).all(), action);
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = KafkaCalls.await(admin.describeConfigs(List.of(resource)).values().get(resource), action);

    List<PartitionDescription> partitionDescriptions =
        description.partitions().stream()
            .sorted(Comparator.comparingInt(TopicPartitionInfo::partition))
            .map(
                info -> {
                  TopicPartition partition = new TopicPartition(topic, info.partition());
                  return new PartitionDescription(
                      info.partition(),
                      info.leader() == null ? -1 : info.leader().id(),
                      ids(info.replicas()),
                      ids(info.isr()),
                      earliest.get(partition).offset(),
                      latest.get(partition).offset());
                })
            .toList();
    Map<String, String> settings = new HashMap<>();
    Map<String, String> overrides = new HashMap<>();
    for (ConfigEntry entry : config.entries()) {
      if (entry.value() == null) {
        continue;
      }
      settings.put(entry.name(), entry.value());
      if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
        overrides.put(entry.name(), entry.value());
      }
    }
    return new TopicDescription(
        topic, description.topicId().toString(), partitionDescriptions, settings, overrides);
  }

  /** Names of the topics that are not internal, sorted. */
  public List<String> list() {
    return KafkaCalls.await(admin.listTopics().names(), "list topics at " + bootstrapServers).stream()
        .sorted()
        .toList();
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }

  private String action(String verb, String topic) {
    return verb + " " + topic + " at " + bootstrapServers;
  }

  private static Map<TopicPartition, OffsetSpec> specs(List<TopicPartition> partitions, OffsetSpec spec) {
    return partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> spec));
  }

  private static List<Integer> ids(List<Node> nodes) {
    return nodes.stream().map(Node::id).toList();
  }
}

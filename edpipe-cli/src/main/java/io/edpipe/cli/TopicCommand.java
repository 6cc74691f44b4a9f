package io.edpipe.cli;

import io.edpipe.cli.stack.StackSession;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import io.edpipe.kafka.KafkaClientConfig;
import io.edpipe.kafka.PartitionDescription;
import io.edpipe.kafka.TopicAdmin;
import io.edpipe.kafka.TopicCreation;
import io.edpipe.kafka.TopicDescription;
import io.edpipe.kafka.TopicSpec;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "topic",
    mixinStandardHelpOptions = true,
    description = "Creates, describes and lists Kafka topics.",
    subcommands = {TopicCommand.Create.class, TopicCommand.Describe.class, TopicCommand.ListTopics.class})
final class TopicCommand {
  static final int DEFAULT_PARTITIONS = 2;

  static KafkaClientConfig client(StackSession session) {
    return KafkaClientConfig.of(session.bootstrapServers()).withClientProperties(session.kafkaProperties());
  }

  /** Each partition's offset, as {@code offset} picks it from the topic's description (earliest or latest). */
  static Map<Integer, Long> offsets(
      StackSession session, String topic, ToLongFunction<PartitionDescription> offset) {
    Map<Integer, Long> offsets = new TreeMap<>();
    try (TopicAdmin admin = TopicAdmin.create(client(session))) {
      for (PartitionDescription partition : admin.describe(topic).partitions()) {
        offsets.put(partition.partition(), offset.applyAsLong(partition));
      }
    }
    return offsets;
  }

  /** Creates the topic unless it exists; says which. */
  static TopicCreation ensure(StackSession session, TopicSpec spec, PrintWriter out) {
    try (TopicAdmin admin = TopicAdmin.create(client(session))) {
      TopicCreation creation = admin.create(spec);
      out.printf("topic %s: %s%n", spec.name(), creation.name().toLowerCase().replace('_', ' '));
      out.flush();
      return creation;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a topic (nothing if it exists alike).")
  static final class Create implements Callable<Integer> {
    @Mixin StackOptions stack;
    @Mixin TopicOption topic;
    @Spec CommandSpec spec;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + DEFAULT_PARTITIONS, description = "Partitions (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
        names = "--replication-factor",
        paramLabel = "N",
        description =
            "Replicas per partition (default: the cluster's default.replication.factor: 1 on the embedded stack,"
                + " min(3, brokers) on a local cluster).")
    Short replicationFactor;

    @Option(names = "--topic-config", paramLabel = "KEY=VALUE",
        description = "A topic setting, e.g. retention.ms=-1 (kafka-topics.sh calls it --config; here --config is edpipe's config file); repeatable.")
    Map<String, String> config = new LinkedHashMap<>();

    @Override
    public Integer call() {
      TopicSpec topicSpec;
      try {
        topicSpec = new TopicSpec(topic.topic(), partitions, Optional.ofNullable(replicationFactor), config);
      } catch (IllegalArgumentException e) {
        throw new PipelineException(ErrorCode.BAD_USAGE, e, "Cannot create topic %s: %s", topic.topic(), e.getMessage());
      }
      try (StackSession session = StackSession.open(stack.settings(), EnumSet.of(StackSession.Need.KAFKA))) {
        ensure(session, topicSpec, spec.commandLine().getOut());
      }
      return 0;
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true, description = "Partitions, leaders, offsets and settings of a topic.")
  static final class Describe implements Callable<Integer> {
    @Mixin StackOptions stack;
    @Mixin TopicOption topic;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (StackSession session = StackSession.open(stack.settings(), EnumSet.of(StackSession.Need.KAFKA));
          TopicAdmin admin = TopicAdmin.create(client(session))) {
        TopicDescription description = admin.describe(topic.topic());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "topic %s: %d partitions, %d messages, max.message.bytes %d%n",
            description.name(), description.partitionCount(), description.messageCount(), description.maxMessageBytes());
        out.printf("  %-9s  %-6s  %-10s  %14s  %14s%n", "partition", "leader", "replicas", "earliest", "latest");
        for (PartitionDescription partition : description.partitions()) {
          out.printf(
              "  %-9d  %-6s  %-10s  %14d  %14d%n",
              partition.partition(), partition.leader(), partition.replicas(), partition.earliestOffset(), partition.latestOffset());
        }
        description.overrides().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .forEach(entry -> out.printf("  %s=%s%n", entry.getKey(), entry.getValue()));
        out.flush();
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the topics.")
  static final class ListTopics implements Callable<Integer> {
    @Mixin StackOptions stack;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (StackSession session = StackSession.open(stack.settings(), EnumSet.of(StackSession.Need.KAFKA));
          TopicAdmin admin = TopicAdmin.create(client(session))) {
        admin.list().forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }
}

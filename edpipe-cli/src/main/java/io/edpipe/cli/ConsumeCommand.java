package io.edpipe.cli;

import io.edpipe.cli.stack.StackSession;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import io.edpipe.kafka.ConsumeMode;
import io.edpipe.kafka.ConsumeResult;
import io.edpipe.kafka.MessageWriter;
import io.edpipe.kafka.OutputFormat;
import io.edpipe.kafka.StartPosition;
import io.edpipe.kafka.TopicConsumer;
import io.edpipe.kafka.TopicConsumerConfig;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "consume",
    mixinStandardHelpOptions = true,
    description = {
      "Prints messages of the topic, one per line, like kafkacat -C: from the beginning (default), the end or an"
          + " offset; stops at the end of the topic unless --follow. Uses no consumer group and commits nothing."
    })
final class ConsumeCommand implements Callable<Integer> {
  @Mixin StackOptions stack;
  @Mixin TopicOption topic;
  @Spec CommandSpec spec;

  @Option(names = "--offset", paramLabel = "OFFSET", defaultValue = "beginning",
      description = "beginning, end, or an offset (in every partition, or in --partition) (default: ${DEFAULT-VALUE}).")
  String offset;

  @Option(names = "--partition", paramLabel = "N", description = "Only this partition.")
  Integer partition;

  @Option(names = "--max", paramLabel = "N", description = "Stop after N messages.")
  Long max;

  @Option(names = "--metadata", description = "Print each message as JSON with topic, partition, offset, timestamp and key.")
  boolean metadata;

  @Option(names = "--follow", description = "Wait for new messages at the end (Ctrl-C stops).")
  boolean follow;

  @Override
  public Integer call() {
    StartPosition start = start(); // before starting anything: a typo should not start a broker
    TopicConsumerConfig config;
    try (StackSession session = StackSession.open(stack.settings(), EnumSet.of(StackSession.Need.KAFKA))) {
      config = TopicConsumerConfig.wholeTopic(TopicCommand.client(session), topic.topic()).withStart(start);
      if (partition != null) {
        config = config.withPartition(partition);
      }
      if (max != null) {
        config = config.withMaxMessages(max);
      }
      config = config.withMode(follow ? ConsumeMode.FOLLOW : ConsumeMode.UNTIL_END);
      PrintStream out = System.out;
      try (TopicConsumer consumer = TopicConsumer.create(config)) {
        Thread stopper = new Thread(consumer::stop, "edpipe-consume-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        ConsumeResult result = consumer.consume(new MessageWriter(out, metadata ? OutputFormat.JSON : OutputFormat.VALUE));
        out.flush();
        try {
          Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException ignored) {
          // the JVM is shutting down: the hook is running
        }
        spec.commandLine().getErr().printf(
            "consume: %d messages from %s (%s); next offsets %s%n",
            result.messages(), topic.topic(), result.reason().name().toLowerCase().replace('_', ' '), result.nextOffsets());
        spec.commandLine().getErr().flush();
      }
    } catch (IllegalArgumentException e) {
      throw new PipelineException(ErrorCode.BAD_USAGE, e, "Cannot consume %s: %s", topic.topic(), e.getMessage());
    }
    return 0;
  }

  private StartPosition start() {
    return switch (offset.toLowerCase()) {
      case "beginning" -> StartPosition.beginning();
      case "end" -> StartPosition.end();
      default -> {
        try {
          yield StartPosition.offset(Long.parseLong(offset));
        } catch (NumberFormatException e) {
          throw new PipelineException(
              ErrorCode.BAD_USAGE, e, "Invalid value %s for --offset: must be beginning, end or a number", offset);
        }
      }
    };
  }
}

package io.edpipe.cli;

import io.edpipe.cli.stack.StackSession;
import io.edpipe.core.table.ResultWriter;
import io.edpipe.kafka.PartitionDescription;
import io.edpipe.spark.LakeStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Where landing stands: per partition the latest offset, the landed offset and the lag; the last commit;"
          + " rows, data files and their average size per table; quarantined messages by reason.",
      "The landed offsets are also committed to the Kafka consumer group edpipe-lander, for standard lag tools."
    })
final class StatusCommand implements Callable<Integer> {
  @Mixin StackOptions stack;
  @Mixin TopicOption topic;
  @Mixin FormatOption format;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (StackSession session = StackSession.open(stack.settings(), EnumSet.allOf(StackSession.Need.class))) {
      Map<Integer, Long> latest = TopicCommand.offsets(session, topic.topic(), PartitionDescription::latestOffset);
      new ResultWriter(format.format())
          .write(new LakeStatus(session.spark("edpipe-status")).report(topic.topic(), latest), spec.commandLine().getOut());
    }
    return 0;
  }
}

package io.edpipe.cli;

import io.edpipe.cli.stack.StackSession;
import io.edpipe.spark.IcebergLander;
import io.edpipe.spark.KafkaMessageSource;
import io.edpipe.spark.LandResult;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "land",
    mixinStandardHelpOptions = true,
    description = {
      "Lands one catch-up batch: every message of the topic after what the tables hold, up to the latest offsets,"
          + " into the Iceberg tables attempts, questions, options, duplicates and quarantine.",
      "Offsets are committed with the data: running it again, or after a crash, never lands a message twice."
    })
final class LandCommand implements Callable<Integer> {
  @Mixin StackOptions stack;
  @Mixin TopicOption topic;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (StackSession session = StackSession.open(stack.settings(), EnumSet.allOf(StackSession.Need.class))) {
      LandResult result = land(session, topic.topic());
      LandSummary.print(result, spec.commandLine().getOut());
    }
    return 0;
  }

  static LandResult land(StackSession session, String topic) {
    return new IcebergLander(
            session.spark("edpipe-land"),
            new KafkaMessageSource(session.bootstrapServers(), session.kafkaProperties()),
            topic)
        .land();
  }

  /** The one-line summary of a landing batch. */
  static final class LandSummary {
    private LandSummary() {}

    static void print(LandResult result, PrintWriter out) {
      double seconds = Math.max(result.elapsed().toMillis(), 1) / 1000.0;
      if (result.messages() == 0) {
        out.printf("land: nothing new on %s (offsets %s); %.1f s%n", result.range().topic(), result.range().end(), seconds);
      } else {
        out.printf(
            "land: %d messages from %s in %.1f s (%.0f messages/s): %d attempts, %d questions, %d options,"
                + " %d duplicates, %d quarantined; offsets now %s%n",
            result.messages(),
            result.range().topic(),
            seconds,
            result.messages() / seconds,
            result.added(io.edpipe.spark.LakeTable.ATTEMPTS),
            result.added(io.edpipe.spark.LakeTable.QUESTIONS),
            result.added(io.edpipe.spark.LakeTable.OPTIONS),
            result.added(io.edpipe.spark.LakeTable.DUPLICATES),
            result.added(io.edpipe.spark.LakeTable.QUARANTINE),
            result.range().end());
      }
      out.flush();
    }
  }
}

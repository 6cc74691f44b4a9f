package io.edpipe.cli;

import io.edpipe.cli.stack.StackSession;
import io.edpipe.spark.IcebergLander;
import io.edpipe.spark.KafkaMessageSource;
import io.edpipe.spark.KafkaRange;
import io.edpipe.spark.LakeTable;
import io.edpipe.spark.LandListener;
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
    IcebergLander lander =
        new IcebergLander(
            session.spark("edpipe-land"),
            new KafkaMessageSource(session.bootstrapServers(), session.kafkaProperties()),
            topic);
    try (ConsoleProgress progress = ConsoleProgress.start("land", LakeTable.values().length, " tables", 1)) {
      return lander.land(
          new LandListener() {
            private int committed;

            @Override
            public void onStart(KafkaRange range) {
              progress.message(range.messageCount() + " messages");
            }

            @Override
            public void onCommitted(LakeTable table, long addedRows) {
              progress.stepTo(++committed);
              progress.message(table.tableName() + " +" + addedRows);
            }
          });
    }
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
            result.added(LakeTable.ATTEMPTS),
            result.added(LakeTable.QUESTIONS),
            result.added(LakeTable.OPTIONS),
            result.added(LakeTable.DUPLICATES),
            result.added(LakeTable.QUARANTINE),
            result.range().end());
      }
      out.flush();
    }
  }
}

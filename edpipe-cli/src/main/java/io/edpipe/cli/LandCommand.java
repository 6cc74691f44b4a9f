package io.edpipe.cli;

import io.edpipe.cli.cluster.ClusterPlan;
import io.edpipe.cli.stack.StackSession;
import io.edpipe.core.customer.Customers;
import io.edpipe.spark.IcebergLander;
import io.edpipe.spark.KafkaMessageSource;
import io.edpipe.spark.KafkaRange;
import io.edpipe.spark.LakeTable;
import io.edpipe.spark.LandListener;
import io.edpipe.spark.LandResult;
import io.edpipe.spark.StreamLander;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "land",
    mixinStandardHelpOptions = true,
    description = {
      "Lands one catch-up batch: every message of the topic after what the tables hold, up to the latest offsets,"
          + " into the Iceberg tables attempts, questions, options, duplicates and quarantine.",
      "With --stream, lands continuously (Spark Structured Streaming): a micro-batch every --trigger, until"
          + " stopped (Ctrl-C) or --stop-after.",
      "Offsets are committed with the data: running it again, after a crash, or alternating batch and stream,"
          + " never lands a message twice. One lander at a time per warehouse: a lock keeps out others."
    })
final class LandCommand implements Callable<Integer> {
  @Mixin StackOptions stack;
  @Mixin TopicOption topic;
  @Spec CommandSpec spec;

  @Option(names = "--stream", description = "Land continuously instead of one batch.")
  boolean stream;

  @Option(names = "--trigger", paramLabel = "DURATION", defaultValue = "5s",
      description = "With --stream: the micro-batch interval, which bounds freshness (default: ${DEFAULT-VALUE}).")
  Duration trigger;

  @Option(names = "--max-messages-per-batch", paramLabel = "N", defaultValue = "500000",
      description = "With --stream: cap on one micro-batch, when catching up (default: ${DEFAULT-VALUE}; 0: no cap).")
  long maxMessagesPerBatch;

  @Option(names = "--maintain-every", paramLabel = "DURATION", defaultValue = "1h",
      description = "With --stream: compact the tables and expire snapshots this often (default: ${DEFAULT-VALUE};"
          + " 0s: never).")
  Duration maintainEvery;

  @Option(names = "--keep-snapshots", paramLabel = "DURATION", defaultValue = "24h",
      description = "With --stream: what the scheduled maintenance keeps (default: ${DEFAULT-VALUE}).")
  Duration keepSnapshots;

  @Option(names = "--checkpoint", paramLabel = "URI",
      description = "With --stream: the stream's checkpoint (default: next to the warehouse, on its file system).")
  URI checkpoint;

  @Option(names = "--stop-after", paramLabel = "DURATION",
      description = "With --stream: stop after this long (default: run until stopped).")
  Duration stopAfter;

  @Option(names = "--default-customer", paramLabel = "ID", defaultValue = Customers.DEFAULT,
      description = "The customer of messages without a customer header (default: ${DEFAULT-VALUE}).")
  String defaultCustomer;

  @Override
  public Integer call() {
    Customers.check(defaultCustomer, "--default-customer");
    if (!stream && (checkpoint != null || stopAfter != null)) {
      throw new ParameterException(spec.commandLine(), "--checkpoint and --stop-after need --stream");
    }
    if (trigger.isZero() || trigger.isNegative()) {
      throw new ParameterException(spec.commandLine(), "Invalid value " + trigger.toMillis() + " ms for --trigger: must be more than 0");
    }
    if (maxMessagesPerBatch < 0) {
      throw new ParameterException(
          spec.commandLine(), "Invalid value " + maxMessagesPerBatch + " for --max-messages-per-batch: must be >= 0");
    }
    try (StackSession session = StackSession.open(stack.settings(), EnumSet.allOf(StackSession.Need.class))) {
      if (stream) {
        stream(session);
      } else {
        LandResult result = land(session, topic.topic(), defaultCustomer, spec.commandLine().getOut());
        LandSummary.print(result, spec.commandLine().getOut());
      }
    }
    return 0;
  }

  private void stream(StackSession session) {
    StreamLander.Settings settings =
        new StreamLander.Settings(
            session.bootstrapServers(), session.kafkaProperties(), topic.topic(), trigger, maxMessagesPerBatch,
            maintainEvery, keepSnapshots, defaultCustomer);
    URI location = checkpoint != null ? checkpoint : StreamLander.checkpointLocation(session.warehouse(), topic.topic());
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "land: streaming %s every %.1f s; checkpoint %s; Ctrl-C stops%n", topic.topic(), trigger.toMillis() / 1000.0, location);
    out.flush();
    new StreamLander(session.spark("edpipe-land-stream"), settings)
        .run(
            location,
            stopAfter,
            new StreamLander.Listener() {
              @Override
              public void onBatch(long batchId, LandResult result) {
                out.printf("batch %d: ", batchId);
                LandSummary.print(result, out);
              }

              @Override
              public void onMaintained(Duration elapsed) {
                out.printf("maintained the tables in %.1f s%n", elapsed.toMillis() / 1000.0);
                out.flush();
              }
            });
  }

  static LandResult land(StackSession session, String topic, String defaultCustomer, PrintWriter out) {
    Optional<ClusterPlan> cluster = session.localSparkCluster();
    if (cluster.isPresent()) {
      return SubmittedLand.run(session, cluster.get(), topic, defaultCustomer, out);
    }
    IcebergLander lander =
        new IcebergLander(
            session.spark("edpipe-land"),
            new KafkaMessageSource(session.bootstrapServers(), session.kafkaProperties()),
            topic,
            defaultCustomer);
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
                + " %d duplicates, %d quarantined%s; offsets now %s%n",
            result.messages(),
            result.range().topic(),
            seconds,
            result.messages() / seconds,
            result.added(LakeTable.ATTEMPTS),
            result.added(LakeTable.QUESTIONS),
            result.added(LakeTable.OPTIONS),
            result.added(LakeTable.DUPLICATES),
            result.added(LakeTable.QUARANTINE),
            result.alreadyLanded() == 0 ? "" : " (" + result.alreadyLanded() + " were landed already: skipped)",
            result.range().end());
      }
      out.flush();
    }
  }
}

package io.edpipe.cli;

import io.edpipe.cli.stack.StackSession;
import io.edpipe.core.table.OutputFormat;
import io.edpipe.core.table.ResultTable;
import io.edpipe.core.table.ResultWriter;
import io.edpipe.kafka.PartitionDescription;
import io.edpipe.spark.Reconciliation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Proves that nothing was lost or landed twice: every offset of every partition of the topic, up to what has"
          + " been landed, appears exactly once across attempts, duplicates and quarantine.",
      "Prints the counts per partition and any offending offsets; exit code 0 only when the invariant holds."
    })
final class VerifyCommand implements Callable<Integer> {
  @Mixin StackOptions stack;
  @Mixin TopicOption topic;
  @Mixin FormatOption format;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (StackSession session = StackSession.open(stack.settings(), EnumSet.allOf(StackSession.Need.class))) {
      Map<Integer, Long> earliest = TopicCommand.offsets(session, topic.topic(), PartitionDescription::earliestOffset);
      Reconciliation.Account account = new Reconciliation(session.spark("edpipe-verify")).check(topic.topic(), earliest);
      PrintWriter out = spec.commandLine().getOut();
      new ResultWriter(format.format()).write(List.of(table(account)), out);
      // with --format json or csv, standard output holds only the table
      PrintWriter summary = format.format() == OutputFormat.TABLE ? out : spec.commandLine().getErr();
      summary.printf(
          "verify: %s: %d offsets of %s in %d partitions%s%n",
          account.holds() ? "holds" : "FAILED",
          account.offsets(),
          account.topic(),
          account.partitions().size(),
          account.holds() ? ", each landed exactly once" : "; see missing and repeated above");
      out.flush();
      summary.flush();
      return account.holds() ? 0 : 1;
    }
  }

  private static ResultTable table(Reconciliation.Account account) {
    List<List<Object>> rows = new ArrayList<>();
    for (Reconciliation.PartitionAccount partition : account.partitions()) {
      rows.add(
          List.of(
              partition.partition(),
              partition.from(),
              partition.to(),
              partition.attempts(),
              partition.duplicates(),
              partition.quarantined(),
              partition.pending(),
              partition.missingCount(),
              listed(partition.missing(), partition.missingCount()),
              partition.repeatedCount(),
              listed(partition.repeated(), partition.repeatedCount())));
    }
    return new ResultTable(
        "verify",
        "Offsets of " + account.topic() + ", from..to (exclusive) must each appear once",
        "pending = rows of a batch not yet committed to every table; completed by the next land",
        List.of(
            "partition", "from", "to", "attempts", "duplicates", "quarantined", "pending", "missing",
            "missing_offsets", "repeated", "repeated_offsets"),
        rows);
  }

  private static String listed(List<Long> offsets, long count) {
    if (offsets.isEmpty()) {
      return "-";
    }
    String listed = offsets.toString();
    return count > offsets.size() ? listed + " and " + (count - offsets.size()) + " more" : listed;
  }
}

package io.edpipe.cli;

import io.edpipe.cli.stack.StackSession;
import io.edpipe.core.table.ResultTable;
import io.edpipe.core.table.ResultWriter;
import io.edpipe.spark.LanderLock;
import io.edpipe.spark.TableMaintenance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description = {
      "Compacts the tables' data files, expires old snapshots and deletes files no snapshot references (left by a"
          + " batch that died before its commit). The landed offsets survive it. Run it between landing batches."
    })
final class MaintainCommand implements Callable<Integer> {
  @Mixin StackOptions stack;
  @Mixin FormatOption format;
  @Spec CommandSpec spec;

  @Option(names = "--keep-snapshots", paramLabel = "DURATION", defaultValue = "24h",
      description = "Keep snapshots younger than this, for time travel (default: ${DEFAULT-VALUE}).")
  Duration keepSnapshots;

  @Option(names = "--orphans-older-than", paramLabel = "DURATION", defaultValue = "24h",
      description = "Only files older than this can be orphans: a batch may be writing younger ones (default: ${DEFAULT-VALUE}).")
  Duration orphanAge;

  @Override
  public Integer call() {
    try (StackSession session = StackSession.open(stack.settings(), EnumSet.of(StackSession.Need.LAKE))) {
      SparkSession spark = session.spark("edpipe-maintain");
      List<TableMaintenance.Result> results;
      try (LanderLock lock = LanderLock.acquire(spark, "edpipe maintain")) {
        results = new TableMaintenance(spark).maintain(keepSnapshots, orphanAge);
      }
      List<List<Object>> rows = new ArrayList<>();
      for (TableMaintenance.Result result : results) {
        rows.add(
            List.of(
                result.table().name().toLowerCase(), result.filesBefore(), result.filesAfter(), result.rewrittenFiles(),
                result.expiredSnapshots(), result.orphansDeleted()));
      }
      new ResultWriter(format.format())
          .write(
              List.of(
                  new ResultTable(
                      "maintain", "Maintenance", null,
                      List.of("table", "files_before", "files_after", "rewritten", "expired_snapshots", "orphans_deleted"),
                      rows)),
              spec.commandLine().getOut());
    }
    return 0;
  }
}

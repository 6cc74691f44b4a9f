package io.edpipe.cli;

import io.edpipe.cli.cluster.LocalCluster;
import io.edpipe.cli.cluster.Topology;
import io.edpipe.cli.stack.EmbeddedStack;
import io.edpipe.cli.stack.Endpoints;
import io.edpipe.cli.stack.StackHome;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the embedded stack (Kafka in KRaft mode, HDFS) and keeps it running until interrupted (Ctrl-C).",
      "With --brokers, --datanodes or --spark-workers, a local cluster instead: every node its own process.",
      "Its endpoints go to HOME/endpoints.json and the screen; the other commands given the same --home use it,"
          + " exactly as they would use real clusters."
    })
final class UpCommand implements Callable<Integer> {
  @Mixin StackOptions stack;
  @Mixin TopologyOptions topology;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    StackHome home = stack.settings().home();
    Optional<Endpoints> running = Endpoints.ofRunningStack(home.endpointsFile());
    if (running.isPresent()) {
      throw new PipelineException(
          ErrorCode.BAD_USAGE,
          "Cannot start the stack in %s: it is already running (pid %d, Kafka %s, HDFS %s)",
          home.directory(), running.get().pid(), running.get().bootstrapServers(), running.get().hdfsUri());
    }
    Topology shape = home.topology(topology.topology());
    EmbeddedStack embedded = EmbeddedStack.start(home, shape, EnumSet.allOf(EmbeddedStack.Component.class));
    Endpoints endpoints =
        new Endpoints(
            ProcessHandle.current().pid(),
            embedded.bootstrapServers().orElseThrow(),
            embedded.hdfsUri().orElseThrow(),
            embedded.warehouse().orElseThrow(),
            embedded.sparkMaster().orElse(null),
            shape.key(),
            embedded.cluster().map(LocalCluster::pids).orElse(Map.of()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.deleteIfExists(home.endpointsFile());
                  } catch (IOException ignored) {
                    // the file names a dead pid: later commands see the stack as stopped anyway
                  }
                  embedded.close();
                  stopped.countDown();
                },
                "edpipe-up-shutdown"));
    endpoints.writeTo(home.endpointsFile());
    PrintWriter out = spec.commandLine().getOut();
    out.printf("edpipe stack up in %s (pid %d)%n", home.directory(), endpoints.pid());
    out.printf("  Kafka bootstrap servers: %s%n", endpoints.bootstrapServers());
    out.printf("  HDFS:                    %s%n", endpoints.hdfsUri());
    out.printf("  Iceberg warehouse:       %s%n", endpoints.warehouse());
    if (embedded.cluster().isPresent()) {
      LocalCluster cluster = embedded.cluster().get();
      out.printf("  Spark master:            %s%s%n", endpoints.sparkMasterUrl().orElse("none (local mode)"),
          cluster.sparkMasterUi().map(ui -> ", web UI " + ui).orElse(""));
      out.printf("  nodes (%s): %s%n", shape, endpoints.nodes());
      out.printf("  node logs:               %s%n", cluster.logs());
    }
    out.printf("  endpoints file:          %s%n", home.endpointsFile());
    out.println("Commands given --home " + home.directory() + " use this stack. Ctrl-C stops it.");
    out.flush();
    stopped.await();
    return 0;
  }
}

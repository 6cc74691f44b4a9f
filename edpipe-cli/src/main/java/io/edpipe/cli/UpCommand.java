package io.edpipe.cli;

import io.edpipe.cli.stack.EmbeddedStack;
import io.edpipe.cli.stack.Endpoints;
import io.edpipe.cli.stack.StackHome;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.EnumSet;
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
      "Its endpoints go to HOME/endpoints.json and the screen; the other commands given the same --home use it,"
          + " exactly as they would use real clusters."
    })
final class UpCommand implements Callable<Integer> {
  @Mixin StackOptions stack;
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
    EmbeddedStack embedded = EmbeddedStack.start(home, EnumSet.allOf(EmbeddedStack.Component.class));
    Endpoints endpoints =
        new Endpoints(
            ProcessHandle.current().pid(),
            embedded.bootstrapServers().orElseThrow(),
            embedded.hdfsUri().orElseThrow(),
            embedded.warehouse().orElseThrow());
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
    out.printf("  endpoints file:          %s%n", home.endpointsFile());
    out.println("Commands given --home " + home.directory() + " use this stack. Ctrl-C stops it.");
    out.flush();
    stopped.await();
    return 0;
  }
}

package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

import io.edpipe.cli.stack.Endpoints;
import io.edpipe.cli.stack.StackHome;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code edpipe up --home HOME} in the background, for the bench's lifetime: started, awaited until its endpoints
 * file names a live process whose HDFS answers (as every edpipe command checks it), stopped with SIGTERM (its
 * shutdown hook closes Kafka and HDFS), killed only if it does not stop in a minute.
 */
final class StackProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STOP_GRACE = Duration.ofMinutes(1);

  private final ChildRunner children;
  private final ChildRunner.Started started;
  private final Endpoints endpoints;

  private StackProcess(ChildRunner children, ChildRunner.Started started, Endpoints endpoints) {
    this.children = children;
    this.started = started;
    this.endpoints = endpoints;
  }

  static StackProcess start(ChildRunner children, BenchCommands commands, StackHome home) {
    requireNonNull(children, "children is null");
    ChildRunner.Started started =
        children.start(commands.edpipe("start the stack (edpipe up)", "up", "--home", home.directory().toString()));
    try {
      return new StackProcess(children, started, awaitEndpoints(children, started, home));
    } catch (RuntimeException e) {
      children.stop(started, STOP_GRACE);
      throw e;
    }
  }

  private static Endpoints awaitEndpoints(ChildRunner children, ChildRunner.Started started, StackHome home) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Endpoints> endpoints = Endpoints.ofRunningStack(home.endpointsFile());
      if (endpoints.isPresent() && endpoints.get().pid() == started.process().pid()) {
        return endpoints.get();
      }
      try {
        if (started.process().waitFor(500, TimeUnit.MILLISECONDS)) {
          throw new StepFailedException(
              started.child().step(), "edpipe up exited with code " + started.process().exitValue(), children.tail(started));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StepFailedException(started.child().step(), "interrupted", e);
      }
    }
    throw new StepFailedException(
        started.child().step(), "no endpoints in " + home.endpointsFile() + " after " + START_TIMEOUT.toSeconds() + " s",
        children.tail(started));
  }

  Endpoints endpoints() {
    return endpoints;
  }

  @Override
  public void close() {
    children.stop(started, STOP_GRACE);
  }
}

package io.edpipe.cli.cluster;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.time.Duration;
import java.util.Collection;
import java.util.function.BooleanSupplier;

/** Waiting for nodes to be ready, failing at once (with the node's log) if one of them dies meanwhile. */
final class Await {
  private static final Duration POLL = Duration.ofMillis(250);

  private Await() {}

  static void until(String what, Duration timeout, Collection<NodeProcess> nodes, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      nodes.forEach(NodeProcess::checkAlive);
      if (ready.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new PipelineException(ErrorCode.STACK_FAILED, "Timed out after %d s waiting for %s (logs in %s)",
            timeout.toSeconds(), what, nodes.isEmpty() ? "-" : nodes.iterator().next().logFile().getParent());
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + what, e);
      }
    }
  }
}

package io.edpipe.spark;

import io.edpipe.core.error.Unchecked;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Independent Spark actions of one session, a few at a time. Small queries spend most of their time planning on the
 * driver, one thread; run one after another they leave the other cores idle.
 */
final class Concurrently {
  private Concurrently() {}

  /**
   * Calls every task, at most {@code threads} at a time, on daemon threads named {@code name-N}, and returns their
   * results in the tasks' order. A task's failure is thrown as it is: Spark's AnalysisException (checked, undeclared)
   * reaches the caller as if the task had run in its thread.
   */
  static <T> List<T> call(String name, int threads, List<Callable<T>> tasks) {
    AtomicInteger number = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<T>> started = new ArrayList<>();
      for (Callable<T> task : tasks) {
        started.add(pool.submit(task));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> result : started) {
        results.add(await(result, name));
      }
      return Collections.unmodifiableList(results);
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T await(Future<T> result, String name) {
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw Unchecked.thrown(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + name, e);
    }
  }
}

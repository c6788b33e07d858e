package dev.warroom.engine.director;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Runs tasks on at most {@code parallelism} threads and returns their results in task order. The
 * pool lives for one call, so no thread outlives the block that needed it.
 */
final class BoundedFanOut {
  private BoundedFanOut() {}

  /**
   * @param tasks tasks that report their own failures in their result (an exception escaping a task
   *     is a bug and is rethrown)
   */
  static <T> List<T> runAll(List<Callable<T>> tasks, int parallelism) {
    if (tasks.size() <= 1 || parallelism == 1) {
      List<T> out = new ArrayList<>();
      for (Callable<T> t : tasks) {
        out.add(call(t));
      }
      return out;
    }
    ThreadFactory threads = Thread.ofPlatform().name("warroom-parallel-", 1).daemon().factory();
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(parallelism, tasks.size()), threads);
    try {
      List<T> out = new ArrayList<>();
      for (Future<T> f : pool.invokeAll(tasks)) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a parallel block ran", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("a parallel branch failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T call(Callable<T> t) {
    try {
      return t.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

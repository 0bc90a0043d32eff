package io.memqa.server;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the work the server takes on: a fixed number of workers answer questions, a short queue
 * holds a few more, and anything beyond is turned away at once with 429 rather than piling up.
 * A request that waits and works longer than the time limit is answered 503; its work, already
 * started, runs to the end on its worker (PyTorch cannot be interrupted), so the bound holds.
 */
final class Admission implements AutoCloseable {
  private final ThreadPoolExecutor pool;
  private final long timeoutMillis;

  Admission(int workers, int queue, long timeoutMillis) {
    BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, waiting, r -> {
      Thread t = new Thread(r, "memqa-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.pool.prestartAllCoreThreads();
    this.timeoutMillis = timeoutMillis;
  }

  /** Runs {@code work} on a worker and returns its result, or throws the problem to answer. */
  <T> T call(Callable<T> work) {
    Future<T> future;
    try {
      future = pool.submit(work);
    } catch (RejectedExecutionException e) {
      throw new ApiProblem(429, "Too many requests",
          "the server is busy (" + pool.getActiveCount() + " questions in progress, " + pool.getQueue().size()
              + " waiting); try again shortly", Map.of("Retry-After", "1"));
    }
    try {
      return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(false); // drops it if it is still queued
      throw ApiProblem.unavailable("the request took longer than the " + timeoutMillis + " ms limit");
    } catch (InterruptedException e) {
      future.cancel(false);
      Thread.currentThread().interrupt();
      throw ApiProblem.unavailable("the server is stopping");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  int active() {
    return pool.getActiveCount();
  }

  int queued() {
    return pool.getQueue().size();
  }

  /** Lets queued and running work finish, for at most the time limit and a second. */
  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(timeoutMillis + 1000, TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}

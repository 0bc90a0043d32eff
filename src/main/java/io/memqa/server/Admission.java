package io.memqa.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
      throw unwrapped(e);
    }
  }

  private static RuntimeException unwrapped(ExecutionException e) {
    return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
  }

  /**
   * Runs {@code work} once on every worker, all at once, and returns when all have finished (or
   * throws the first failure): for what each thread that answers must do before the first
   * question. Each run holds its worker until every worker holds one, so no worker runs two.
   * Only while no questions are admitted (before the server is ready), or it waits for them.
   */
  void onEveryWorker(Runnable work) throws InterruptedException {
    int workers = pool.getCorePoolSize();
    CountDownLatch all = new CountDownLatch(workers);
    List<Future<?>> runs = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      runs.add(submitWhenTaken(() -> {
        all.countDown();
        all.await();
        work.run();
        return null;
      }));
    }
    for (Future<?> run : runs) {
      try {
        run.get();
      } catch (ExecutionException e) {
        throw unwrapped(e);
      }
    }
  }

  /** Submits {@code work}, waiting for a worker to take it when there is no queue and none is waiting yet. */
  private <T> Future<T> submitWhenTaken(Callable<T> work) throws InterruptedException {
    while (true) {
      try {
        return pool.submit(work);
      } catch (RejectedExecutionException e) {
        if (pool.isShutdown()) {
          throw new IllegalStateException("the server is stopping", e);
        }
        Thread.sleep(1);
      }
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

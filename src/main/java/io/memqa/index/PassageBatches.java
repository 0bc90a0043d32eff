package io.memqa.index;

import io.memqa.corpus.Passage;
import io.memqa.corpus.PassageReader;
import io.memqa.util.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads passages on the calling thread and hands them in batches to worker threads, with
 * progress: the engine shared by the Lucene build and the OpenSearch bulk load. Progress counts
 * the passages the workers have finished (not those read), so a slow stage such as encoding shows
 * its own pace. A worker that fails stops the whole run with its error instead of leaving the
 * reader blocked.
 */
final class PassageBatches {
  /** What a worker does with a batch; one instance per worker thread, so it may keep state. */
  interface Sink {
    void accept(List<Passage> batch) throws Exception;
  }

  private static final List<Passage> END = List.of();

  private PassageBatches() {}

  /** Feeds every passage to {@code threads} sinks from {@code sinks}; returns the number read. */
  static long run(PassageReader passages, int threads, int batchSize, long totalBytes, String task,
      Supplier<Sink> sinks) throws IOException {
    BlockingQueue<List<Passage>> queue = new ArrayBlockingQueue<>(threads * 4);
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "memqa-indexer");
      t.setDaemon(true);
      return t;
    });
    List<Future<?>> workers = new ArrayList<>();
    long count = 0;
    try (Progress progress = Progress.start(task, -1)) {
      for (int i = 0; i < threads; i++) {
        workers.add(pool.submit(() -> {
          Sink sink = sinks.get();
          while (true) {
            List<Passage> batch = queue.take();
            if (batch == END) {
              return null;
            }
            sink.accept(batch);
            progress.stepBy(batch.size());
          }
        }));
      }
      List<Passage> batch = new ArrayList<>(batchSize);
      while (passages.hasNext()) {
        batch.add(passages.next());
        if (batch.size() == batchSize) {
          count += put(queue, batch, workers);
          batch = new ArrayList<>(batchSize);
          if (totalBytes > 0 && passages.bytesRead() > 0) {
            progress.maxHint(Math.max(count, count * totalBytes / passages.bytesRead()));
          }
        }
      }
      count += put(queue, batch, workers);
      progress.maxHint(count);
      for (int i = 0; i < threads; i++) {
        putQuietly(queue, END, workers);
      }
      for (Future<?> w : workers) {
        await(w);
      }
    } finally {
      pool.shutdownNow();
    }
    return count;
  }

  private static int put(BlockingQueue<List<Passage>> q, List<Passage> batch, List<Future<?>> workers)
      throws IOException {
    if (!batch.isEmpty()) {
      putQuietly(q, batch, workers);
    }
    return batch.size();
  }

  /** Queues a batch, failing fast if a worker has died instead of blocking forever. */
  private static void putQuietly(BlockingQueue<List<Passage>> q, List<Passage> batch, List<Future<?>> workers)
      throws IOException {
    try {
      while (!q.offer(batch, 200, TimeUnit.MILLISECONDS)) {
        for (Future<?> w : workers) {
          if (w.isDone()) {
            await(w);
            throw new IOException("an indexing thread stopped early");
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("indexing interrupted", e);
    }
  }

  private static void await(Future<?> w) throws IOException {
    try {
      w.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("indexing interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("indexing failed: " + c, c);
    }
  }
}

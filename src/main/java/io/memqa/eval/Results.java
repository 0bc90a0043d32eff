package io.memqa.eval;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for a question's result computed on a worker thread. */
final class Results {
  private Results() {}

  /** The result, with a worker's failure or an interrupt turned into an IOException. */
  static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IOException("evaluation failed: " + e.getCause().getMessage(), e.getCause());
    }
  }
}

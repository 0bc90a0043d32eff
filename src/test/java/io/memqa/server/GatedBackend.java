package io.memqa.server;

import io.memqa.corpus.Passage;
import io.memqa.qa.AnswerOptions;
import io.memqa.qa.Answers;
import io.memqa.retrieve.Hit;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A real backend whose answers wait at a gate until the test opens it, to hold requests in flight. */
final class GatedBackend implements Backend {
  private final Backend real;
  private final CountDownLatch gate = new CountDownLatch(1);
  final AtomicInteger entered = new AtomicInteger();
  final AtomicBoolean closed = new AtomicBoolean();

  GatedBackend(Backend real) {
    this.real = real;
  }

  void open() {
    gate.countDown();
  }

  private void pass() {
    entered.incrementAndGet();
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Answers answer(String question, AnswerOptions options) {
    pass();
    return real.answer(question, options);
  }

  @Override
  public Answers answer(String question, Passage passage, AnswerOptions options) {
    pass();
    return real.answer(question, passage, options);
  }

  @Override
  public List<Hit> search(String question, int k) {
    return real.search(question, k);
  }

  @Override
  public Optional<Passage> passage(String id) {
    return real.passage(id);
  }

  @Override
  public long passages() {
    return real.passages();
  }

  @Override
  public void close() throws IOException {
    closed.set(true);
    real.close();
  }
}

package io.memqa.server;

import io.memqa.corpus.Passage;
import io.memqa.qa.AnswerOptions;
import io.memqa.qa.Answers;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A real backend whose answers wait at a gate until the test opens it, to hold requests in flight. */
final class GatedBackend extends ForwardingBackend {
  private final CountDownLatch gate = new CountDownLatch(1);
  final AtomicInteger entered = new AtomicInteger();

  GatedBackend(Backend real) {
    super(real);
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
}

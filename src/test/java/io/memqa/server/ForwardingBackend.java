package io.memqa.server;

import io.memqa.corpus.Passage;
import io.memqa.qa.AnswerOptions;
import io.memqa.qa.Answers;
import io.memqa.retrieve.Hit;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A real backend that tests wrap to watch or hold its calls: everything goes to it, and closing is noted. */
abstract class ForwardingBackend implements Backend {
  final Backend real;
  final AtomicBoolean closed = new AtomicBoolean();

  ForwardingBackend(Backend real) {
    this.real = real;
  }

  @Override
  public Answers answer(String question, AnswerOptions options) {
    return real.answer(question, options);
  }

  @Override
  public Answers answer(String question, Passage passage, AnswerOptions options) {
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

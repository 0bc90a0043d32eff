package io.memqa.eval;

import io.memqa.data.Question;
import io.memqa.data.QuestionReader;
import java.io.IOException;
import java.util.NoSuchElementException;

/**
 * The questions of a closed-mode run, each read from its own paragraph. Unanswerable questions
 * (no answers, no paragraph) are left out and counted. An answerable question without a paragraph
 * means the set has none (not SQuAD-like): a wrong choice of mode, not a bad record.
 */
public final class ClosedModeQuestions implements QuestionReader {
  private final QuestionReader in;
  private Question pending;
  private long unanswerable;

  public ClosedModeQuestions(QuestionReader in) {
    this.in = in;
  }

  @Override
  public boolean hasNext() {
    while (pending == null && in.hasNext()) {
      Question q = in.next();
      if (q.answers().isEmpty() && q.passageId() == null) {
        unanswerable++;
      } else if (q.passageId() == null) {
        throw new IllegalArgumentException("--mode closed needs questions tied to a paragraph (SQuAD); "
            + q.source() + " has none: use --mode open");
      } else {
        pending = q;
      }
    }
    return pending != null;
  }

  @Override
  public Question next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Question q = pending;
    pending = null;
    return q;
  }

  /** Unanswerable questions left out so far. */
  public long unanswerable() {
    return unanswerable;
  }

  @Override
  public long skipped() {
    return in.skipped();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

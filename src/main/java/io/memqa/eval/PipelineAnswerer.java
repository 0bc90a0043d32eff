package io.memqa.eval;

import io.memqa.corpus.Passage;
import io.memqa.data.Question;
import io.memqa.qa.AnswerOptions;
import io.memqa.qa.Answers;
import io.memqa.qa.QaPipeline;

/**
 * Answers in this process. Open: from the K passages retrieved; closed: from the question's own
 * (gold) paragraph only, looked up in the index, as in reading comprehension.
 */
public final class PipelineAnswerer implements Answerer {
  private final QaPipeline qa;
  private final boolean closed;
  private final AnswerOptions options;

  public PipelineAnswerer(QaPipeline qa, int passages, boolean closed) {
    this.qa = qa;
    this.closed = closed;
    this.options = new AnswerOptions(closed ? 1 : passages, 1, 0);
  }

  @Override
  public Answers answer(Question q) {
    if (!closed) {
      return qa.answer(q.text(), options);
    }
    String id = goldPassageId(q);
    Passage gold = qa.retriever().passage(id).orElseThrow(
        () -> new IllegalArgumentException("closed mode needs the question's paragraph in the index: " + id));
    return qa.answer(q.text(), gold, options);
  }

  /** The paragraph a closed-mode question is read from; SQuAD questions have one, others do not. */
  static String goldPassageId(Question q) {
    if (q.passageId() == null) {
      throw new IllegalArgumentException("closed mode needs questions tied to a paragraph (SQuAD); " + q.id() + " has none");
    }
    return q.passageId();
  }
}

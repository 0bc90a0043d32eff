package io.memqa.qa;

import io.memqa.retrieve.RetrieverSource;
import io.memqa.util.BadInputException;

/**
 * What to ask of the pipeline: how many passages go into memory (K), how many distinct answers
 * come back, how many attended slots per hop are explained (0 for none), and which retrieval
 * finds the passages (null for the retriever's default).
 */
public record AnswerOptions(int passages, int answers, int explain, RetrieverSource.Kind retriever) {
  public static final int MAX_PASSAGES = 50;
  public static final int MAX_ANSWERS = 20;
  public static final int MAX_EXPLAIN = 50;

  public AnswerOptions {
    if (passages < 1 || passages > MAX_PASSAGES) {
      throw new BadInputException("passages must be between 1 and " + MAX_PASSAGES + ", got " + passages);
    }
    if (answers < 1 || answers > MAX_ANSWERS) {
      throw new BadInputException("answers must be between 1 and " + MAX_ANSWERS + ", got " + answers);
    }
    if (explain < 0 || explain > MAX_EXPLAIN) {
      throw new BadInputException("explain must be between 0 and " + MAX_EXPLAIN + ", got " + explain);
    }
  }

  /** With the retriever's default retrieval. */
  public AnswerOptions(int passages, int answers, int explain) {
    this(passages, answers, explain, null);
  }

  /** K=5 passages (chosen by measurement, see README), 3 answers, 5 explained slots per hop. */
  public static AnswerOptions defaults() {
    return new AnswerOptions(5, 3, 5);
  }

  /** These options with another retrieval. */
  public AnswerOptions withRetriever(RetrieverSource.Kind kind) {
    return new AnswerOptions(passages, answers, explain, kind);
  }
}

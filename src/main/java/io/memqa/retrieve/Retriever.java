package io.memqa.retrieve;

import io.memqa.corpus.Passage;
import io.memqa.util.BadInputException;
import java.io.Closeable;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the passages most likely to answer a question. Implementations are thread-safe and treat
 * the question as plain text: never as query syntax.
 */
public interface Retriever extends Closeable {
  /**
   * The longest question a person may ask, in characters (Unicode code points): one limit for
   * the command line ({@code ask}, {@code search}) and the service ({@code /v1/*}).
   */
  int MAX_QUESTION_CHARS = 1000;

  /**
   * The longest text searched at all, in characters: a guard for questions read from datasets
   * for training and evaluation, which no person typed (SQuAD's training set holds a
   * 25,651-character "question").
   */
  int MAX_QUERY_CHARS = 100_000;

  /** The largest k accepted. */
  int MAX_K = 1000;

  /**
   * The top {@code k} passages for {@code question}, best first. A question with no searchable
   * words (only stop words or punctuation) gives an empty list.
   *
   * @throws BadInputException for a null, blank or over-long question, or k outside 1..MAX_K
   */
  List<Hit> search(String question, int k);

  /**
   * The top {@code k} passages by the retrieval {@code kind} asked for, or by the default kind when
   * {@code kind} is null.
   *
   * @throws BadInputException as {@link #search(String, int)}, or when this retriever does not
   *     serve {@code kind} (the message says why and what to do, see {@link #refusal})
   */
  default List<Hit> search(String question, int k, RetrieverSource.Kind kind) {
    if (kind != null && !kinds().contains(kind)) {
      throw new BadInputException(refusal(kind));
    }
    return search(question, k);
  }

  /** The retrieval {@link #search(String, int)} runs. */
  default RetrieverSource.Kind defaultKind() {
    return RetrieverSource.Kind.BM25;
  }

  /** Every retrieval kind {@link #search(String, int, RetrieverSource.Kind)} accepts. */
  default Set<RetrieverSource.Kind> kinds() {
    return EnumSet.of(defaultKind());
  }

  /** Why {@code kind}, which is not among {@link #kinds()}, cannot be served here, and what to do. */
  default String refusal(RetrieverSource.Kind kind) {
    return "retriever " + kind.id() + " is not available here (only " + defaultKind().id() + ")";
  }

  /** The passage with this id, if the index has it. */
  Optional<Passage> passage(String id);

  /** Number of passages in the index. */
  long size();

  /**
   * Every passage of the index, in index order, where the index can be read whole (a local Lucene
   * index); empty where it cannot (a remote cluster).
   */
  default List<Passage> allPassages() {
    return List.of();
  }

  /** Checks a question and k the way every implementation must. */
  static void checkArguments(String question, int k) {
    checkQuestion(question, MAX_QUERY_CHARS);
    if (k < 1 || k > MAX_K) {
      throw new BadInputException("k must be between 1 and " + MAX_K + ", got " + k);
    }
  }

  /**
   * Checks a question against a limit in characters (Unicode code points, so an emoji is one):
   * {@link #MAX_QUESTION_CHARS} for questions people ask. Returns it unchanged.
   */
  static String checkQuestion(String question, int maxChars) {
    if (question == null) {
      throw new BadInputException("question is missing");
    }
    if (question.isBlank()) {
      throw new BadInputException("question is empty");
    }
    if (question.length() > maxChars) {
      int chars = question.codePointCount(0, question.length());
      if (chars > maxChars) {
        throw new BadInputException("question is too long: " + chars + " characters (limit " + maxChars + ")");
      }
    }
    return question;
  }
}

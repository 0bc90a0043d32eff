package io.memqa.retrieve;

import io.memqa.corpus.Passage;
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
  /** The longest question accepted, in characters. */
  int MAX_QUESTION_CHARS = 100_000;

  /** The largest k accepted. */
  int MAX_K = 1000;

  /**
   * The top {@code k} passages for {@code question}, best first. A question with no searchable
   * words (only stop words or punctuation) gives an empty list.
   *
   * @throws IllegalArgumentException for a null, blank or over-long question, or k outside 1..MAX_K
   */
  List<Hit> search(String question, int k);

  /**
   * The top {@code k} passages by the retrieval {@code kind} asked for, or by the default kind when
   * {@code kind} is null.
   *
   * @throws IllegalArgumentException as {@link #search(String, int)}, or when this retriever does
   *     not offer {@code kind} (the message says why, e.g. an index without passage vectors)
   */
  default List<Hit> search(String question, int k, RetrieverSource.Kind kind) {
    if (kind != null && kind != defaultKind()) {
      throw new IllegalArgumentException("retriever " + kind.id() + " is not available here (only " + defaultKind().id() + ")");
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

  /** The passage with this id, if the index has it. */
  Optional<Passage> passage(String id);

  /** Number of passages in the index. */
  long size();

  /** Checks a question and k the way every implementation must. */
  static void checkArguments(String question, int k) {
    if (question == null) {
      throw new IllegalArgumentException("question must not be null");
    }
    if (question.isBlank()) {
      throw new IllegalArgumentException("question is empty");
    }
    if (question.length() > MAX_QUESTION_CHARS) {
      throw new IllegalArgumentException(
          "question is too long: " + question.length() + " characters (limit " + MAX_QUESTION_CHARS + ")");
    }
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", got " + k);
    }
  }
}

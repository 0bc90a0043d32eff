package io.memqa.data;

import java.util.List;

/**
 * A question with its reference answers. For SQuAD it also knows its gold passage and where each
 * answer starts in it; other sets leave those empty. {@code source} is "file:line" for messages.
 */
public record Question(
    String id,
    String text,
    List<String> answers,
    AnswerKind kind,
    String passageId,
    List<Integer> answerStarts,
    String source) {

  /** How the reference answers are matched. */
  public enum AnswerKind {
    /** Literal answer strings, compared after SQuAD normalisation. */
    TEXT,
    /** Regular expressions (CuratedTREC), matched case-insensitively. */
    REGEX
  }

  public Question {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("question text is empty");
    }
    answers = answers == null ? List.of() : List.copyOf(answers);
    answerStarts = answerStarts == null ? List.of() : List.copyOf(answerStarts);
    kind = kind == null ? AnswerKind.TEXT : kind;
  }

  /** A plain question with text answers and no gold passage. */
  public static Question of(String id, String text, List<String> answers, String source) {
    return new Question(id, text, answers, AnswerKind.TEXT, null, List.of(), source);
  }
}

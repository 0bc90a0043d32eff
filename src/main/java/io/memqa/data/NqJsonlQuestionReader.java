package io.memqa.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * JSON lines {"question": "...", "answer": ["...", ...]} (NQ-open, EfficientQA and DPR's JSON topic
 * files). The answers are literal strings, or regular expressions for the CuratedTREC variant; the
 * content cannot tell which, so the caller says. An "id" field, when present, is the question id.
 */
final class NqJsonlQuestionReader extends LineQuestionReader {
  private final Question.AnswerKind kind;

  NqJsonlQuestionReader(Path file, Question.AnswerKind kind) throws IOException {
    super(file);
    this.kind = kind;
  }

  @Override
  Question parse(String line, long lineNumber) {
    JsonNode node = JsonLines.object(line);
    String question = JsonLines.question(node);
    List<String> answers = JsonLines.strings(node.has("answer") ? node.get("answer") : node.get("answers"), "answer");
    requireAnswers(answers);
    if (kind == Question.AnswerKind.REGEX) {
      checkRegexes(answers);
    }
    return new Question(JsonLines.id(node, lineId(lineNumber)), question, answers, kind, null, List.of(), source(lineNumber));
  }
}

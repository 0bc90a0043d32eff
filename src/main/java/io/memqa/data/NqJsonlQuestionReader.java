package io.memqa.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON lines {"question": "...", "answer": ["...", ...]} (NQ-open, EfficientQA and DPR's JSON topic
 * files). The answers are literal strings, or regular expressions for the CuratedTREC variant; the
 * content cannot tell which, so the caller says. An "id" field, when present, is the question id.
 */
final class NqJsonlQuestionReader extends LineQuestionReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Question.AnswerKind kind;

  NqJsonlQuestionReader(Path file, Question.AnswerKind kind) throws IOException {
    super(file);
    this.kind = kind;
  }

  @Override
  Question parse(String line, long lineNumber) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new BadRecord("malformed JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new BadRecord("expected a JSON object");
    }
    JsonNode question = node.get("question");
    if (question == null || !question.isTextual()) {
      throw new BadRecord("missing \"question\" string");
    }
    requireText(question.asText());
    List<String> answers = answers(node.has("answer") ? node.get("answer") : node.get("answers"));
    if (kind == Question.AnswerKind.REGEX) {
      checkRegexes(answers);
    }
    JsonNode id = node.get("id");
    String qid = id != null && (id.isTextual() || id.isIntegralNumber()) && !id.asText().isBlank()
        ? id.asText() : lineId(lineNumber);
    return new Question(qid, question.asText(), answers, kind, null, List.of(), source(lineNumber));
  }

  private static List<String> answers(JsonNode node) {
    if (node == null || !(node.isArray() || node.isTextual())) {
      throw new BadRecord("missing \"answer\" list of strings");
    }
    List<String> answers = new ArrayList<>();
    for (JsonNode a : node.isArray() ? node : List.of(node)) {
      if (!a.isTextual()) {
        throw new BadRecord("answers must be strings, found " + a.getNodeType());
      }
      answers.add(a.asText());
    }
    requireAnswers(answers);
    return answers;
  }
}

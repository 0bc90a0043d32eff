package io.memqa.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Fields of one JSON-lines question record, each refused with a reason when malformed. */
final class JsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLines() {}

  /** The line as a JSON object. */
  static JsonNode object(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new LineQuestionReader.BadRecord("malformed JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new LineQuestionReader.BadRecord("expected a JSON object");
    }
    return node;
  }

  /** The non-empty "question" string. */
  static String question(JsonNode node) {
    JsonNode question = node.get("question");
    if (question == null || !question.isTextual()) {
      throw new LineQuestionReader.BadRecord("missing \"question\" string");
    }
    LineQuestionReader.requireText(question.asText());
    return question.asText();
  }

  /** The "id" field when present, else {@code fallback}. */
  static String id(JsonNode node, String fallback) {
    JsonNode id = node.get("id");
    return id != null && (id.isTextual() || id.isIntegralNumber()) && !id.asText().isBlank()
        ? id.asText() : fallback;
  }

  /** The answers: a list of strings (or one string), possibly empty; {@code field} names it in messages. */
  static List<String> strings(JsonNode node, String field) {
    if (node == null || !(node.isArray() || node.isTextual())) {
      throw new LineQuestionReader.BadRecord("missing \"" + field + "\" list of strings");
    }
    List<String> answers = new ArrayList<>();
    for (JsonNode a : node.isArray() ? node : List.of(node)) {
      if (!a.isTextual()) {
        throw new LineQuestionReader.BadRecord("answers must be strings, found " + a.getNodeType());
      }
      answers.add(a.asText());
    }
    return answers;
  }
}

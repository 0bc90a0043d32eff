package io.memqa.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.memqa.qa.AnswerOptions;
import io.memqa.retrieve.RetrieverSource;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A checked request to {@code /v1/answer}: the question, the options, and at most one of an
 * indexed passage id or a text to read instead of retrieving (the closed setting).
 */
record AnswerRequest(String question, AnswerOptions options, String passageId, String context) {
  static final List<String> FIELDS = List.of("question", "passages", "answers", "explain", "passageId", "context", "retriever");

  /** The query parameters of {@code GET /v1/answer}. */
  static final List<String> QUERY = List.of("q", "passages", "answers", "explain", "retriever");

  /** Slots per hop shown for {@code "explain": true}. */
  static final int EXPLAIN_TRUE = 5;

  AnswerRequest {
    if (passageId != null && context != null) {
      throw ApiProblem.badRequest("give passageId or context, not both");
    }
  }

  /** From a POST body; unknown fields are refused so that a misspelt option is not silently ignored. */
  static AnswerRequest fromJson(JsonNode body, int maxQuestionChars) {
    if (body == null || !body.isObject()) {
      throw ApiProblem.badRequest("the body must be a JSON object such as {\"question\": \"...\"}");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiProblem.badRequest("unknown field \"" + Inputs.shorten(name) + "\"; known fields: " + String.join(", ", FIELDS));
      }
    }
    JsonNode q = body.get("question");
    if (q != null && !q.isNull() && !q.isTextual()) {
      throw ApiProblem.badRequest("question must be a string");
    }
    AnswerOptions d = AnswerOptions.defaults();
    AnswerOptions options = new AnswerOptions(
        integer(body, "passages", d.passages(), 1, AnswerOptions.MAX_PASSAGES),
        integer(body, "answers", d.answers(), 1, AnswerOptions.MAX_ANSWERS),
        explain(body.get("explain")),
        retriever(string(body, "retriever", Inputs.MAX_ID_CHARS)));
    String passageId = string(body, "passageId", Inputs.MAX_ID_CHARS);
    String context = string(body, "context", ServerOptions.MAX_CONTEXT_CHARS);
    return new AnswerRequest(Inputs.question(q == null || q.isNull() ? null : q.asText(), maxQuestionChars),
        options, passageId, context);
  }

  /** From GET query parameters {@code q}, {@code passages}, {@code answers}, {@code explain}, {@code retriever}. */
  static AnswerRequest fromQuery(UnaryOperator<String> param, int maxQuestionChars) {
    AnswerOptions d = AnswerOptions.defaults();
    String explain = param.apply("explain");
    int slots = switch (explain == null ? "" : explain.strip()) {
      case "", "false" -> 0;
      case "true" -> EXPLAIN_TRUE;
      default -> Inputs.intParam("explain", explain, 0, 0, AnswerOptions.MAX_EXPLAIN);
    };
    AnswerOptions options = new AnswerOptions(
        Inputs.intParam("passages", param.apply("passages"), d.passages(), 1, AnswerOptions.MAX_PASSAGES),
        Inputs.intParam("answers", param.apply("answers"), d.answers(), 1, AnswerOptions.MAX_ANSWERS),
        slots,
        retriever(param.apply("retriever")));
    return new AnswerRequest(Inputs.question(param.apply("q"), maxQuestionChars), options, null, null);
  }

  /** The retrieval asked for: bm25, dense, hybrid or opensearch, or null (absent or empty) for the server's default. */
  static RetrieverSource.Kind retriever(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return RetrieverSource.Kind.parse(name.strip());
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("retriever must be one of " + RetrieverSource.Kind.names() + ", got \"" + Inputs.shorten(name) + "\"");
    }
  }

  private static int integer(JsonNode body, String name, int absent, int min, int max) {
    JsonNode n = body.get(name);
    if (n == null || n.isNull()) {
      return absent;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw ApiProblem.badRequest(name + " must be an integer between " + min + " and " + max);
    }
    return Inputs.range(name, n.longValue(), min, max);
  }

  private static int explain(JsonNode n) {
    if (n == null || n.isNull()) {
      return 0;
    }
    if (n.isBoolean()) {
      return n.booleanValue() ? EXPLAIN_TRUE : 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw ApiProblem.badRequest("explain must be true, false or an integer between 0 and " + AnswerOptions.MAX_EXPLAIN);
    }
    return Inputs.range("explain", n.longValue(), 0, AnswerOptions.MAX_EXPLAIN);
  }

  private static String string(JsonNode body, String name, int max) {
    JsonNode n = body.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw ApiProblem.badRequest(name + " must be a string");
    }
    return Inputs.text(name, n.asText(), max);
  }
}

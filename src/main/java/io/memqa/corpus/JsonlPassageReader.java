package io.memqa.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** JSON lines with "id", "text" and optional "title" (WikiExtractor's extra "url" is ignored). */
final class JsonlPassageReader extends LinePassageReader {
  // Anything after the record (a second record on the same line) is an error, not silently lost.
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  JsonlPassageReader(Path file, boolean skipBad) throws IOException {
    super(file, skipBad);
  }

  @Override
  Passage parse(String line, long lineNumber) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw bad(lineNumber, "malformed JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw bad(lineNumber, "expected a JSON object");
    }
    JsonNode id = node.get("id");
    if (id == null || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
      throw bad(lineNumber, "missing or empty \"id\" (string or integer)");
    }
    JsonNode text = node.get("text");
    if (text == null || !text.isTextual()) {
      throw bad(lineNumber, "missing \"text\" string");
    }
    JsonNode title = node.get("title");
    if (title != null && !title.isNull() && !title.isTextual()) {
      throw bad(lineNumber, "\"title\" must be a string");
    }
    return new Passage(id.asText(), title == null ? "" : title.asText(""), text.asText());
  }
}

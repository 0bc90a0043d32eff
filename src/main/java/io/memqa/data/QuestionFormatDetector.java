package io.memqa.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Tells a question file's format from its content; the file name is not consulted. */
final class QuestionFormatDetector {
  /** Lines looked at; one bad first line should not make a file unrecognisable. */
  private static final int LINES = 5;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TREC = Pattern.compile("[^\\t\\s]+\\t[A-Za-z_-]+\\t[^\\t]+\\t.*\\S.*");
  private static final Pattern WIKIMOVIES = Pattern.compile("\\d+ [^\\t]+\\t.*\\S.*");

  private QuestionFormatDetector() {}

  static QuestionFormat detect(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("question file not found: " + file);
    }
    if (isSquad(file)) {
      return QuestionFormat.SQUAD;
    }
    // An InputStreamReader replaces bad UTF-8 instead of failing: such a line is still looked at.
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      int seen = 0;
      String line;
      while (seen < LINES && (line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        seen++;
        QuestionFormat f = classify(line.startsWith("\uFEFF") ? line.substring(1) : line);
        if (f != null) {
          return f;
        }
      }
    }
    throw new IllegalArgumentException(
        "cannot tell the question format of " + file + " from its first lines; known formats: "
            + QuestionFormat.names()
            + "; name one with --format FORMAT");
  }

  /** A single JSON object with a "data" array, read as a stream: SQuAD files are one long line. */
  private static boolean isSquad(Path file) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        if (p.nextToken() == JsonToken.START_ARRAY && "data".equals(field)) {
          return true;
        }
        p.skipChildren();
      }
      return false;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  static QuestionFormat classify(String line) {
    if (line.stripLeading().startsWith("{")) {
      return questionJson(line);
    }
    if (TREC.matcher(line).matches()) {
      return QuestionFormat.TREC_TSV;
    }
    if (isDprLine(line)) {
      return QuestionFormat.DPR_TSV;
    }
    return WIKIMOVIES.matcher(line).matches() ? QuestionFormat.WIKIMOVIES : null;
  }

  /** memqa's own lines carry a "passageId" (null for questions without one); NQ's do not. */
  private static QuestionFormat questionJson(String line) {
    try {
      JsonNode n = JSON.readTree(line);
      if (n == null || !n.isObject() || !n.has("question")) {
        return null;
      }
      if (n.has("answers") && n.has("passageId")) {
        return QuestionFormat.QA_JSONL;
      }
      return n.has("answer") || n.has("answers") ? QuestionFormat.NQ_JSONL : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Two fields, the second a Python list of strings: parsing it tells "[REC]" from "['REC']". */
  private static boolean isDprLine(String line) {
    try {
      List<String> f = DprTsvQuestionReader.csvFields(line);
      return f.size() == 2 && !PythonStringList.parse(f.get(1)).isEmpty();
    } catch (IllegalArgumentException | LineQuestionReader.BadRecord e) {
      return false;
    }
  }
}

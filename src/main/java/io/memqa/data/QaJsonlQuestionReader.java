package io.memqa.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * memqa's own question lines: {"id", "question", "answers": [...], "passageId": "dev-0-3" or null}.
 * Empty answers mark a question that the corpus cannot answer; a passage id ties a question to its
 * gold paragraph (for closed mode), as SQuAD questions are tied to theirs.
 */
final class QaJsonlQuestionReader extends LineQuestionReader {
  /** Passage ids are printable and have no spaces: they travel in URLs and reports. */
  private static final Pattern PASSAGE_ID = Pattern.compile("[\\p{Graph}&&[^\"\\\\]]{1,200}");

  QaJsonlQuestionReader(Path file) throws IOException {
    super(file);
  }

  QaJsonlQuestionReader(InputStream in, String where, String fileName) {
    super(in, where, fileName);
  }

  @Override
  Question parse(String line, long lineNumber) {
    JsonNode node = JsonLines.object(line);
    String question = JsonLines.question(node);
    List<String> answers = JsonLines.strings(node.get("answers"), "answers");
    if (answers.stream().anyMatch(String::isBlank)) {
      throw new BadRecord("an answer is empty: leave \"answers\" empty for an unanswerable question");
    }
    return new Question(JsonLines.id(node, lineId(lineNumber)), question, answers, Question.AnswerKind.TEXT,
        passageId(node.get("passageId")), List.of(), source(lineNumber));
  }

  private static String passageId(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || !PASSAGE_ID.matcher(node.asText()).matches()) {
      throw new BadRecord("\"passageId\" must be a passage id such as \"dev-0-3\", or null");
    }
    return node.asText();
  }
}

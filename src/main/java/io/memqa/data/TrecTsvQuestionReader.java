package io.memqa.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * CuratedTREC TSV: {@code id<TAB>type<TAB>question<TAB>answer-regex}. The id column is the question
 * id. One training line has a tab inside its regex, so everything after the third tab is the regex.
 */
final class TrecTsvQuestionReader extends LineQuestionReader {
  TrecTsvQuestionReader(Path file) throws IOException {
    super(file);
  }

  @Override
  Question parse(String line, long lineNumber) {
    String[] f = line.split("\t", 4);
    if (f.length != 4) {
      throw new BadRecord("expected 4 tab-separated fields (id, type, question, regex), found " + f.length);
    }
    String id = f[0].trim();
    if (id.isEmpty()) {
      throw new BadRecord("empty id");
    }
    requireText(f[2]);
    if (f[3].isBlank()) {
      throw new BadRecord("empty answer regex");
    }
    List<String> answers = List.of(f[3]);
    checkRegexes(answers);
    return new Question(id, f[2], answers, Question.AnswerKind.REGEX, null, List.of(), source(lineNumber));
  }
}

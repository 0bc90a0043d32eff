package io.memqa.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WikiMovies questions: {@code 1 question?<TAB>answer1, answer2}. The leading number is a bAbI
 * line index (always 1 here), not an id, so ids come from the line number. Answers are split on
 * ", " as the paper's evaluation did, although about 1% of questions have an answer entity that
 * itself contains ", " ("Goodbye, Columbus") and so becomes two answers; the entity list could
 * rejoin those, but then scores would no longer compare with published ones.
 */
final class WikiMoviesQuestionReader extends LineQuestionReader {
  private static final Pattern LINE = Pattern.compile("(\\d+) ([^\\t]*)\\t(.*)");

  WikiMoviesQuestionReader(Path file) throws IOException {
    super(file);
  }

  @Override
  Question parse(String line, long lineNumber) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      throw new BadRecord("expected \"N question<TAB>answer, answer\"");
    }
    requireText(m.group(2));
    List<String> answers = new ArrayList<>();
    for (String a : m.group(3).split(", ")) {
      if (!a.isBlank()) {
        answers.add(a.strip());
      }
    }
    requireAnswers(answers);
    return Question.of(lineId(lineNumber), m.group(2).strip(), answers, source(lineNumber));
  }
}

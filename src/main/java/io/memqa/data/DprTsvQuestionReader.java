package io.memqa.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DPR's question TSV (Anserini's topics.dpr.*.txt): {@code question<TAB>['answer', ...]}, the
 * answers a Python list literal. The files were written by Python's csv module, so a field holding
 * a double quote is wrapped in quotes with inner quotes doubled: {@code "[""it's""]"}.
 */
final class DprTsvQuestionReader extends LineQuestionReader {
  DprTsvQuestionReader(Path file) throws IOException {
    super(file);
  }

  @Override
  Question parse(String line, long lineNumber) {
    List<String> fields = csvFields(line);
    if (fields.size() != 2) {
      throw new BadRecord("expected 2 tab-separated fields (question, answer list), found " + fields.size());
    }
    requireText(fields.get(0));
    List<String> answers;
    try {
      answers = PythonStringList.parse(fields.get(1));
    } catch (IllegalArgumentException e) {
      throw new BadRecord("answer list is not a Python list of strings: " + e.getMessage());
    }
    requireAnswers(answers);
    return Question.of(lineId(lineNumber), fields.get(0), answers, source(lineNumber));
  }

  /** Splits on tabs, honouring csv quoting (a quoted field may hold tabs and "" for a quote). */
  static List<String> csvFields(String line) {
    List<String> fields = new ArrayList<>();
    int i = 0;
    while (true) {
      StringBuilder field = new StringBuilder();
      if (i < line.length() && line.charAt(i) == '"') {
        i++;
        while (true) {
          int q = line.indexOf('"', i);
          if (q < 0) {
            throw new BadRecord("unterminated quoted field");
          }
          field.append(line, i, q);
          i = q + 1;
          if (i < line.length() && line.charAt(i) == '"') {
            field.append('"');
            i++;
          } else {
            break;
          }
        }
        if (i < line.length() && line.charAt(i) != '\t') {
          throw new BadRecord("text after the closing quote of a field");
        }
      } else {
        int tab = line.indexOf('\t', i);
        int end = tab < 0 ? line.length() : tab;
        field.append(line, i, end);
        i = end;
      }
      fields.add(field.toString());
      if (i >= line.length()) {
        return fields;
      }
      i++; // the tab
    }
  }
}

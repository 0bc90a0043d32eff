package io.memqa.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.memqa.corpus.SquadFile;
import io.memqa.corpus.SquadParagraph;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The questions of a SQuAD v1.1 file, each tied to its paragraph's passage id. */
public final class SquadQuestionReader implements QuestionReader {
  private static final Logger LOG = LoggerFactory.getLogger(SquadQuestionReader.class);
  private final SquadFile squad;
  private final Deque<Question> buffer = new ArrayDeque<>();
  private long skipped;

  public SquadQuestionReader(Path file) throws IOException {
    this.squad = new SquadFile(file, true);
  }

  @Override
  public boolean hasNext() {
    while (buffer.isEmpty() && squad.hasNext()) {
      load(squad.next());
    }
    return !buffer.isEmpty();
  }

  private void load(SquadParagraph p) {
    if (p.qas() == null || !p.qas().isArray()) {
      return;
    }
    int index = 0;
    for (JsonNode qa : p.qas()) {
      String where = squad.file() + ":" + p.line() + " (" + p.passageId() + " question " + index++ + ")";
      JsonNode q = qa.get("question");
      JsonNode answers = qa.get("answers");
      if (q == null || !q.isTextual() || q.asText().isBlank() || answers == null || !answers.isArray()) {
        skipped++;
        LOG.warn("skipping malformed question at {}: needs \"question\" and \"answers\"", where);
        continue;
      }
      List<String> texts = new ArrayList<>();
      List<Integer> starts = new ArrayList<>();
      for (JsonNode a : answers) {
        JsonNode t = a.get("text");
        if (t != null && t.isTextual()) {
          texts.add(t.asText());
          starts.add(a.path("answer_start").asInt(-1));
        }
      }
      if (texts.isEmpty()) {
        skipped++;
        LOG.warn("skipping question without answers at {}", where);
        continue;
      }
      String id = qa.path("id").asText(p.passageId() + "-q" + (index - 1));
      buffer.add(
          new Question(id, q.asText(), texts, Question.AnswerKind.TEXT, p.passageId(), starts, where));
    }
  }

  @Override
  public Question next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffer.poll();
  }

  @Override
  public long skipped() {
    return skipped + squad.skipped();
  }

  @Override
  public void close() throws IOException {
    squad.close();
  }
}

package io.memqa.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memqa.corpus.Passage;
import io.memqa.data.Question;
import io.memqa.qa.QaPipeline;
import io.memqa.reader.SyntheticQa;
import io.memqa.testing.TestIndexes;
import io.memqa.testing.TinyModels;
import io.memqa.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A tiny but real set-up for evaluation tests, built once per JVM: a reader trained for seconds on
 * generated biographies, and an index plus a SQuAD-format question file over other, unseen
 * biographies (so passage ids agree between the index and the questions, as with SQuAD dev).
 */
public final class QaFixture {
  /** Paragraphs in the question file; each has three questions. */
  public static final int PARAGRAPHS = 16;
  public static final int QUESTIONS = 3 * PARAGRAPHS;
  private static QaFixture instance;

  private final Path index;
  private final Path model;
  private final Path questions;

  private QaFixture(Path index, Path model, Path questions) {
    this.index = index;
    this.model = model;
    this.questions = questions;
  }

  public static synchronized QaFixture get() {
    if (instance == null) {
      try {
        instance = build(Files.createTempDirectory("memqa-eval-fixture"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }

  private static QaFixture build(Path dir) throws IOException, InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        AtomicFiles.deleteRecursively(dir);
      } catch (IOException e) {
        // a temporary directory left behind is harmless
      }
    }));
    Path model = dir.resolve("model");
    TinyModels.train(SyntheticQa.generate(96, 1), model, null, 3, 0f);
    Path questions = writeSquad(SyntheticQa.generate(PARAGRAPHS, 2), dir.resolve("syn-dev.json"));
    Path index = dir.resolve("index");
    TestIndexes.build(questions, index);
    return new QaFixture(index, model, questions);
  }

  /** Each passage as one SQuAD article, so the reader names its paragraph "syn-N-0". */
  private static Path writeSquad(SyntheticQa.Data data, Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode().put("version", "1.1");
    ArrayNode articles = root.putArray("data");
    for (Passage p : data.passages()) {
      ObjectNode paragraph = articles.addObject().put("title", p.title()).putArray("paragraphs").addObject()
          .put("context", p.text());
      ArrayNode qas = paragraph.putArray("qas");
      for (Question q : data.questions()) {
        if (q.passageId().equals(p.id())) {
          String answer = q.answers().get(0);
          qas.addObject().put("id", q.id()).put("question", q.text()).putArray("answers").addObject()
              .put("text", answer).put("answer_start", p.text().indexOf(answer));
        }
      }
    }
    json.writeValue(file.toFile(), root);
    return file;
  }

  public Path index() {
    return index;
  }

  public Path model() {
    return model;
  }

  /** Copies every file of the fixture's model (its manifest included) into {@code to}, a new directory. */
  public Path copyModel(Path to) throws IOException {
    Files.createDirectories(to);
    try (java.util.stream.Stream<Path> files = Files.list(model)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

  /** The SQuAD-format question file ({@value #QUESTIONS} questions). */
  public Path questions() {
    return questions;
  }

  public QaPipeline open() throws IOException {
    return QaPipeline.open(index, model);
  }

  /**
   * The first {@code answerable} questions, each tied to its paragraph, then the {@code unanswerable}
   * ones (no answers, no paragraph), as memqa's question lines (qa-jsonl).
   */
  public Path writeQaJsonl(Path file, int answerable, List<String> unanswerable) throws IOException {
    ObjectMapper json = new ObjectMapper();
    StringBuilder lines = new StringBuilder();
    for (Question q : readQuestions().subList(0, answerable)) {
      ObjectNode n = json.createObjectNode().put("id", q.id()).put("question", q.text()).put("passageId", q.passageId());
      q.answers().forEach(n.putArray("answers")::add);
      lines.append(json.writeValueAsString(n)).append('\n');
    }
    for (int i = 0; i < unanswerable.size(); i++) {
      ObjectNode n = json.createObjectNode().put("id", "none-" + i).put("question", unanswerable.get(i)).putNull("passageId");
      n.putArray("answers");
      lines.append(json.writeValueAsString(n)).append('\n');
    }
    return Files.writeString(file, lines);
  }

  /** All questions of the file, in order. */
  public List<Question> readQuestions() throws IOException {
    try (var r = new io.memqa.data.SquadQuestionReader(questions)) {
      List<Question> all = new java.util.ArrayList<>();
      r.forEachRemaining(all::add);
      return all;
    }
  }
}

package io.memqa.cli;

import io.memqa.corpus.Passage;
import io.memqa.corpus.SquadFile;
import io.memqa.data.Datasets;
import io.memqa.data.Question;
import io.memqa.data.QuestionReader;
import io.memqa.util.BadInputException;
import io.memqa.util.Checksums;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQuAD-format training questions with their paragraphs, as train and calibrate read them. */
record TrainingQuestions(String dataset, Path file, List<Question> questions, Map<String, Passage> paragraphs) {

  static TrainingQuestions load(String dataset) throws IOException {
    Datasets datasets = Datasets.local();
    Path file = datasets.questionFile(dataset);
    List<Question> questions = new ArrayList<>();
    try (QuestionReader r = datasets.openQuestions(dataset, null)) {
      r.forEachRemaining(questions::add);
    }
    if (questions.isEmpty() || questions.get(0).passageId() == null) {
      throw new BadInputException("training needs SQuAD-format questions tied to their paragraphs: " + dataset);
    }
    Map<String, Passage> paragraphs = new HashMap<>();
    try (SquadFile squad = new SquadFile(file, true)) {
      squad.forEachRemaining(p -> paragraphs.put(p.passageId(), p.passage()));
    }
    return new TrainingQuestions(dataset, file, questions, paragraphs);
  }

  String sha256() throws IOException {
    return Checksums.sha256(file);
  }
}

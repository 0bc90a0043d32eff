package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.corpus.Passage;
import io.memqa.data.Question;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainingSetTest {
  @Test
  void holdsOutWholeArticlesAndGroupsByParagraph() throws Exception {
    Map<String, Passage> passages = new HashMap<>();
    List<Question> questions = new ArrayList<>();
    for (int article = 0; article < 200; article++) {
      for (int para = 0; para < 3; para++) {
        String id = "train-" + article + "-" + para;
        passages.put(id, new Passage(id, "A" + article, "Text of paragraph " + para + "."));
        for (int q = 0; q < 2; q++) {
          questions.add(new Question(id + "-q" + q, "Question " + q + "?", List.of("Text"),
              Question.AnswerKind.TEXT, id, List.of(0), id));
        }
      }
    }
    questions.add(new Question("orphan", "Where?", List.of("x"), Question.AnswerKind.TEXT, "missing-0-0", List.of(), "x"));
    TrainOptions o = new TrainOptions(1, 1, 8, 0.01f, 1f, 1f, 1f, 0f, 0f, 0.1, 10_000, 0, 5, 1);
    TrainingSet set = TrainingSet.build(questions, passages, null, 3, o);

    Set<String> trainArticles = new HashSet<>();
    for (List<TrainingSet.Item> group : set.train()) {
      assertThat(group).extracting(i -> i.question().passageId()).containsOnly(group.get(0).question().passageId());
      trainArticles.add(article(group.get(0).question().passageId()));
    }
    Set<String> heldArticles = new HashSet<>();
    set.heldOut().forEach(i -> heldArticles.add(article(i.question().passageId())));
    assertThat(heldArticles).isNotEmpty().doesNotContainAnyElementsOf(trainArticles);
    assertThat(set.heldOut().size() + set.trainQuestions()).isEqualTo(1200);
    assertThat(set.heldOut().size()).isBetween(60, 200);
    assertThat(set.heldOut()).allSatisfy(i -> assertThat(i.retrieved()).isEmpty());
  }

  private static String article(String passageId) {
    return passageId.substring(0, passageId.lastIndexOf('-'));
  }
}

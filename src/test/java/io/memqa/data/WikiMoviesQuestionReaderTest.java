package io.memqa.data;

import static io.memqa.data.QuestionFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WikiMoviesQuestionReaderTest {
  @Test
  void readsQuestionsAndSplitsAnswersOnCommaSpace() throws Exception {
    var q = read(QuestionFormat.WIKIMOVIES, "movies.txt").questions();

    assertThat(q).extracting(Question::id).containsExactly("movies-1", "movies-2", "movies-6");
    assertThat(q.get(0).text()).isEqualTo("what movies did Temuera Morrison act in?");
    assertThat(q.get(0).answers()).containsExactly("Once Were Warriors", "Tracker", "River Queen");
    // the paper's rule: a title holding ", " becomes two answers
    assertThat(q.get(1).answers()).containsExactly("Good Morning", "Miss Dove");
    assertThat(q.get(2).answers()).containsExactly("[REC] 2", "Quarantine", "20,000 Leagues Under the Sea");
  }

  @Test
  void skipsBadLines() throws Exception {
    var read = read(QuestionFormat.WIKIMOVIES, "movies.txt");

    assertThat(read.skipped()).isEqualTo(2);
    assertThat(read.log())
        .contains("movies.txt:3: expected \"N question<TAB>answer, answer\"")
        .contains("movies.txt:4: no answers")
        .doesNotContain("movies.txt:5:");
  }
}

package io.memqa.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.corpus.Passage;
import io.memqa.testing.Fixtures;
import io.memqa.testing.TestIndexes;
import io.memqa.util.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Bm25RetrieverTest {
  @TempDir static Path dir;
  static Path index;
  static Bm25Retriever retriever;

  @BeforeAll
  static void buildIndex() throws IOException {
    index = dir.resolve("passages");
    TestIndexes.build(Fixtures.resource(Fixtures.PASSAGES), index);
    retriever = Bm25Retriever.open(index);
  }

  @AfterAll
  static void close() throws IOException {
    retriever.close();
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(h -> h.passage().id()).toList();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "When was the Eiffel Tower completed?          | p2",
        "Who did pioneering research on radioactivity? | p6",
        "Which river has the largest discharge?        | p5",
        "Who landed the lunar module Eagle?            | p9",
        "What do worker bees forage for?               | " + Fixtures.ODD_ID,
      })
  void findsTheRightPassageFirst(String question, String expected) {
    List<Hit> hits = retriever.search(question, 5);
    assertThat(hits.get(0).passage().id()).isEqualTo(expected);
    for (int i = 0; i < hits.size(); i++) {
      assertThat(hits.get(i).rank()).isEqualTo(i + 1);
    }
    assertThat(hits).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
  }

  @Test
  void returnsWholeStoredPassages() {
    Passage p = retriever.search("Eiffel Tower", 1).get(0).passage();
    assertThat(p.title()).isEqualTo("Eiffel Tower");
    assertThat(p.text()).startsWith("The Eiffel Tower is a wrought-iron lattice tower").endsWith("330 metres tall.");
  }

  @Test
  void onlyMatchingPassagesAreReturned() {
    assertThat(ids(retriever.search("Sahara desert", 10))).containsExactly("p10");
    assertThat(retriever.search("xylophone zeppelin", 10)).isEmpty();
  }

  @Test
  void theTitleIsSearchedAndWeighsExtra() throws IOException {
    // The Everest passage never names the mountain in its text: only its title does.
    List<Hit> weighted = retriever.search("Everest", 5);
    assertThat(ids(weighted)).containsExactly("p4");
    try (Bm25Retriever noExtra = Bm25Retriever.open(index, new Bm25Retriever.Options(0.9f, 0.4f, 0f))) {
      List<Hit> plain = noExtra.search("Everest", 5);
      assertThat(ids(plain)).containsExactly("p4");
      assertThat(weighted.get(0).score()).isGreaterThan(plain.get(0).score());
      assertThat(noExtra.options().titleWeight()).isZero();
    }
  }

  @Test
  void luceneSyntaxIsJustText() {
    String hostile = "AND ( ) * ~ \" : \\ ^ [ ] { } OR NOT title:x eiffel* tower~2 \"lattice tower\"^5 +paris -1889 [a TO z] /re.ex/ && || !";
    List<Hit> hits = retriever.search(hostile, 5);
    assertThat(hits).isNotEmpty();
    assertThat(hits.get(0).passage().id()).isEqualTo("p2");
    assertThat(retriever.search("id:p2", 5)).extracting(h -> h.passage().id()).doesNotContain("p2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"the of and a to", "?!.,;:()[]{}", "\" ' ` ~ ^ * \\", "AND OR NOT", "is it that?"})
  void questionsWithoutSearchableWordsGiveNothing(String question) {
    assertThat(retriever.search(question, 5)).isEmpty();
  }

  @Test
  void aVeryLongQuestionIsSearched() {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (b.length() < 10_000) {
      b.append("word").append(i++).append(' ').append("eiffel ( tower ) ");
    }
    List<Hit> hits = retriever.search(b.toString(), 3);
    assertThat(hits.get(0).passage().id()).isEqualTo("p2");
    assertThat(retriever.search("x ".repeat(50_000), 3)).isEmpty();
  }

  @Test
  void invalidArgumentsAreIllegal() {
    assertThatThrownBy(() -> retriever.search(null, 5)).isInstanceOf(BadInputException.class).hasMessageContaining("missing");
    assertThatThrownBy(() -> retriever.search("", 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> retriever.search(" \t\n ", 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> retriever.search("eiffel", 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be between 1 and 1000, got 0");
    assertThatThrownBy(() -> retriever.search("eiffel", -3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> retriever.search("eiffel", Retriever.MAX_K + 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> retriever.search("a".repeat(Retriever.MAX_QUERY_CHARS + 1), 5))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("too long: 100001 characters");
    assertThatThrownBy(() -> Retriever.checkQuestion("\uD83D\uDE00".repeat(Retriever.MAX_QUESTION_CHARS + 1), Retriever.MAX_QUESTION_CHARS))
        .hasMessage("question is too long: 1001 characters (limit 1000)");
    assertThat(Retriever.checkQuestion("\uD83D\uDE00".repeat(Retriever.MAX_QUESTION_CHARS), Retriever.MAX_QUESTION_CHARS))
        .as("characters are code points: 1,000 emoji fit").hasSize(2 * Retriever.MAX_QUESTION_CHARS);
    assertThat(retriever.search("eiffel ".repeat(Retriever.MAX_QUESTION_CHARS / 7), Retriever.MAX_K)).hasSize(1);
  }

  @Test
  void optionsAreChecked() {
    assertThatThrownBy(() -> new Bm25Retriever.Options(-1f, 0.4f, 0.5f)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Bm25Retriever.Options(0.9f, 1.5f, 0.5f)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Bm25Retriever.Options(0.9f, 0.4f, Float.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThat(retriever.options()).isEqualTo(Bm25Retriever.Options.defaults());
  }

  @Test
  void concurrentSearchesGiveTheSequentialResults() throws Exception {
    List<String> questions = new ArrayList<>();
    for (String w : List.of("tower", "river", "energy", "moon", "desert", "bee", "Nobel", "language", "wall", "mountain")) {
      questions.add("Where is the " + w + "?");
      questions.add(w + " Paris light water world");
    }
    List<List<Hit>> sequential = questions.stream().map(q -> retriever.search(q, 10)).toList();
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<List<Hit>>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<List<List<Hit>>> job = () -> {
          start.await();
          List<List<Hit>> mine = new ArrayList<>();
          for (int round = 0; round < 5; round++) {
            for (String q : questions) {
              mine.add(retriever.search(q, 10));
            }
          }
          return mine;
        };
        results.add(pool.submit(job));
      }
      for (Future<List<List<Hit>>> f : results) {
        List<List<Hit>> got = f.get();
        for (int i = 0; i < got.size(); i++) {
          assertThat(got.get(i)).isEqualTo(sequential.get(i % questions.size()));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void passagesAreLookedUpByExactId() {
    RetrieverContract.looksUpPassagesByExactId(retriever);
    assertThat(retriever.stats().documents()).isEqualTo(10);
  }

  @Test
  void openingSomethingThatIsNotAnIndexFails() {
    assertThatThrownBy(() -> Bm25Retriever.open(dir.resolve("nothing")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("no index at " + dir.resolve("nothing"));
    assertThatThrownBy(() -> Bm25Retriever.open(dir))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("not a memqa index");
  }
}

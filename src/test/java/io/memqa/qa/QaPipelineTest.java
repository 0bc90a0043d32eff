package io.memqa.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.corpus.Passage;
import io.memqa.data.Question;
import io.memqa.testing.TinyQa;
import io.memqa.text.AnswerMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QaPipelineTest {
  static QaPipeline qa;

  @BeforeAll
  static void open() throws Exception {
    qa = TinyQa.get().open();
  }

  @AfterAll
  static void close() throws Exception {
    qa.close();
  }

  @Test
  void answersFromRetrievedPassagesWithEvidence() {
    double em = 0;
    List<Question> qs = TinyQa.whereBorn(20);
    for (Question q : qs) {
      Answers a = qa.answer(q.text(), new AnswerOptions(3, 2, 3));
      assertThat(a.answers()).isNotEmpty().hasSizeLessThanOrEqualTo(2);
      Answers.Answer top = a.answers().get(0);
      Passage p = qa.retriever().passage(top.passageId()).orElseThrow();
      assertThat(p.text().substring(top.start(), top.end())).isEqualTo(top.text());
      assertThat(top.evidence()).contains(top.text());
      assertThat(p.text()).contains(top.evidence());
      assertThat(a.passages()).hasSize(3);
      assertThat(a.hops()).hasSize(2).allSatisfy(h -> {
        assertThat(h.slots()).hasSize(3);
        // Absolute shares: the passages hold all of a hop's attention, and the top slot is the largest.
        assertThat(h.passages()).hasSize(3);
        assertThat(h.passages().stream().mapToDouble(Answers.PassageShare::weight).sum()).isCloseTo(1.0,
            org.assertj.core.data.Offset.offset(1e-3));
        assertThat(h.sentences()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(h.sentences().get(0).weight()).isGreaterThanOrEqualTo(h.slots().get(0).weight() - 1e-9);
        assertThat(p.text()).contains(h.sentences().get(0).passageId().equals(p.id()) ? h.sentences().get(0).text() : "");
      });
      assertThat(a.timings().totalMs()).isGreaterThanOrEqualTo(a.timings().readMs());
      em += AnswerMetrics.maxExactMatch(top.text(), q.answers());
    }
    assertThat(em / qs.size()).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void closedSettingReadsOnlyTheGivenPassage() {
    Passage given = new Passage("context", "", "Ada Lovelace was born in London in 1815. She studied mathematics.");
    Answers a = qa.answer("Where was Ada Lovelace born?", given, new AnswerOptions(1, 1, 0));
    assertThat(a.answers().get(0).text()).isEqualTo("London");
    assertThat(a.passages()).extracting(Answers.PassageRef::id).containsExactly("context");
    assertThat(a.hops()).allSatisfy(h -> assertThat(h.slots()).isEmpty());
  }

  @Test
  void offsetsCountCodePointsSoTheyCutTheAnswerAfterEmojiAsPythonDoes() {
    String text = "\uD83C\uDF89\uD83C\uDF89 Ada Lovelace \uD835\uDC00 was born in London in 1815. She studied mathematics.";
    Answers.Answer a = qa.answer("Where was Ada Lovelace born?", new Passage("context", "", text), new AnswerOptions(1, 1, 0))
        .answers().get(0);
    int[] points = text.codePoints().toArray();
    assertThat(new String(points, a.start(), a.end() - a.start())).as("text[start:end] in code points").isEqualTo(a.text());
    int utf16 = text.indexOf(a.text());
    assertThat(a.start()).as("astral characters before it count once").isEqualTo(text.codePointCount(0, utf16));
    assertThat(utf16 - a.start()).as("this passage has astral characters before every word").isPositive();
  }

  @Test
  void hostileQuestionsAreAnsweredOrRejectedCleanly() {
    AnswerOptions o = AnswerOptions.defaults();
    assertThat(qa.answer("AND ( ) * ~ \" : \\ title:x^3 [a TO z] born?", o)).isNotNull();
    assertThat(qa.answer("the of and", o).answers()).isEmpty();
    assertThat(qa.answer("born ".repeat(2000), o)).isNotNull();
    assertThatThrownBy(() -> qa.answer("   ", o)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AnswerOptions(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AnswerOptions(5, 21, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentCallersGetTheSameAnswersAsOneCaller() throws Exception {
    List<Question> qs = TinyQa.get().data().questions().subList(0, 40);
    List<String> sequential = new ArrayList<>();
    for (Question q : qs) {
      sequential.add(qa.answer(q.text(), AnswerOptions.defaults()).answers().get(0).text());
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<String>> parallel = new ArrayList<>();
      for (Question q : qs) {
        parallel.add(pool.submit(() -> qa.answer(q.text(), AnswerOptions.defaults()).answers().get(0).text()));
      }
      for (int i = 0; i < qs.size(); i++) {
        assertThat(parallel.get(i).get()).isEqualTo(sequential.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

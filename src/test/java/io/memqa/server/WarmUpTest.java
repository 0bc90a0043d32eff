package io.memqa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.qa.AnswerOptions;
import io.memqa.qa.Answers;
import io.memqa.testing.TinyQa;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The warm-up runs on the threads that answer: every worker answers the warm-up questions before
 * the server is ready, and the questions that come after are answered by those same threads
 * (the first answers on a thread are slow, so a warm-up elsewhere would not help them).
 */
class WarmUpTest {
  private static final List<String> WARM_UP = List.of("Where was Alma Hale born?", "who is it");

  @Test
  void everyWorkerAnswersTheWarmUpAndOnlyWarmedThreadsAnswerAfterwards() throws Exception {
    Recording b = new Recording(Backend.of(TinyQa.get().open()));
    try (QaServer server = QaServer.start(LifecycleTest.options(3, 8, 10_000, null))) {
      server.load(() -> b, WARM_UP);
      Map<Thread, List<String>> warmedUp = Map.copyOf(b.asked);
      assertThat(warmedUp).hasSize(3);
      assertThat(warmedUp.keySet()).allSatisfy(t -> assertThat(t.getName()).startsWith("memqa-worker-"));
      assertThat(warmedUp.values()).allSatisfy(asked -> assertThat(asked).isEqualTo(WARM_UP));

      b.asked.clear();
      Http http = new Http(server.url());
      List<CompletableFuture<Http.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        replies.add(CompletableFuture.supplyAsync(() -> http.postJson("/v1/answer", LifecycleTest.QUESTION)));
      }
      assertThat(replies).allSatisfy(r -> assertThat(r.join().status()).isEqualTo(200));
      assertThat(b.asked).isNotEmpty();
      assertThat(b.asked.keySet()).isSubsetOf(warmedUp.keySet());
    }
  }

  @Test
  void theServiceWarmsUpOnDistinctQuestionsInRounds() {
    // Distinct, so that each is read from passages not yet cached and the passage encoder runs too.
    assertThat(Service.WARM_UP).doesNotHaveDuplicates();
    assertThat(Service.warmUp()).hasSize(Service.WARM_UP.size() * Service.WARM_UP_ROUNDS)
        .startsWith(Service.WARM_UP.toArray(new String[0])).containsOnlyElementsOf(Service.WARM_UP);
  }

  @Test
  void aFailingWarmUpFailsTheLoadAndClosesTheBackend() throws Exception {
    Recording b = new Recording(Backend.of(TinyQa.get().open()));
    try (QaServer server = QaServer.start(LifecycleTest.options(2, 4, 10_000, null))) {
      assertThatThrownBy(() -> server.load(() -> b, List.of(WARM_UP.get(0), Recording.BREAKS))).hasMessageContaining("the model broke");
      assertThat(b.closed).isTrue();
      Http.Reply ready = new Http(server.url()).get("/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.json().get("status").asText()).isEqualTo("failed");
    }
  }

  /** A real backend that notes which thread answered which question. */
  private static final class Recording extends ForwardingBackend {
    static final String BREAKS = "a question this backend fails on";
    final Map<Thread, List<String>> asked = new ConcurrentHashMap<>();

    Recording(Backend real) {
      super(real);
    }

    @Override
    public Answers answer(String question, AnswerOptions options) {
      if (question.equals(BREAKS)) {
        throw new IllegalStateException("the model broke");
      }
      asked.computeIfAbsent(Thread.currentThread(), t -> new ArrayList<>()).add(question);
      return real.answer(question, options);
    }
  }
}

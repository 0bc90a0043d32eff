package io.memqa.qa;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import io.memqa.data.Question;
import io.memqa.testing.TinyQa;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Answering must not leave native arrays or managers behind, from one thread or many. */
class ReaderLeakTest {
  @Test
  void answeringLeavesNoNativeResourcesBehind() throws Exception {
    try (QaPipeline qa = TinyQa.get().open()) {
      NDManager probe = NDManager.newBaseManager();
      NDManager system = probe.getParentManager();
      probe.close();
      qa.answer("Where was Alma Abbott born?", AnswerOptions.defaults()); // warm up lazy state
      int before = resources(system);
      List<Question> qs = TinyQa.get().data().questions();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
          Question q = qs.get(i % qs.size());
          done.add(pool.submit(() -> qa.answer(q.text(), new AnswerOptions(3, 3, 5))));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(resources(system)).isEqualTo(before);
    }
  }

  /** Everything attached anywhere below a manager: arrays and sub-managers, recursively. */
  private static int resources(NDManager m) throws ReflectiveOperationException {
    Field f = BaseNDManager.class.getDeclaredField("resources");
    f.setAccessible(true);
    Map<?, ?> children = (Map<?, ?>) f.get(m);
    int n = children.size();
    for (Object child : children.values()) {
      if (child instanceof NDManager sub) {
        n += resources(sub);
      }
    }
    return n;
  }
}

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.memqa.corpus.Passage;
import io.memqa.corpus.PassageReader;
import io.memqa.corpus.CorpusFormat;
import io.memqa.data.Question;
import io.memqa.data.SquadQuestionReader;
import io.memqa.encoder.KnownEncoder;
import io.memqa.encoder.PretrainedEncoder;
import io.memqa.index.PassageVectors;
import io.memqa.reader.TrainOptions;
import io.memqa.reader.TrainingSet;
import io.memqa.text.AnswerMetrics;
import io.memqa.text.AnswerNormalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compares the known encoders cheaply, on the trainer's held-out training articles (never dev):
 * their paragraphs form a small corpus, searched exhaustively with each encoder for those
 * articles' questions. Prints dense answer recall@1/5 and passage encoding time (2 threads).
 *
 * <p>Usage: Encoders TRAIN.json OUT.json [PASSAGES] [QUESTIONS]
 */
public final class Encoders {
  public static void main(String[] args) throws Exception {
    Path train = Path.of(args[0]);
    int maxPassages = args.length > 2 ? Integer.parseInt(args[2]) : 600;
    int maxQuestions = args.length > 3 ? Integer.parseInt(args[3]) : 1500;
    TrainOptions split = TrainOptions.defaults();
    List<Passage> passages = new ArrayList<>();
    try (PassageReader r = CorpusFormat.parse("squad").open(train, false)) {
      while (r.hasNext() && passages.size() < maxPassages) {
        Passage p = r.next();
        if (TrainingSet.isHeldOut(p.id(), split)) {
          passages.add(p);
        }
      }
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    passages.forEach(p -> ids.add(p.id()));
    List<Question> questions = new ArrayList<>();
    try (SquadQuestionReader r = new SquadQuestionReader(train)) {
      while (r.hasNext() && questions.size() < maxQuestions) {
        Question q = r.next();
        if (ids.contains(q.passageId())) {
          questions.add(q);
        }
      }
    }
    List<String[]> tokens = passages.stream().map(p -> AnswerNormalizer.normalizedTokens(p.text())).toList();
    List<String> texts = passages.stream().map(PassageVectors::text).toList();
    System.out.printf("%d passages, %d questions of held-out training articles%n", passages.size(), questions.size());
    System.out.printf("%-20s %7s %7s %12s %12s%n", "encoder", "R@1", "R@5", "ms/passage", "ms/question");
    Map<String, Object> out = new LinkedHashMap<>();
    for (KnownEncoder which : KnownEncoder.values()) {
      try (PretrainedEncoder e = PretrainedEncoder.open(which, 1)) {
        e.embed(texts.subList(0, 10));
        long t0 = System.nanoTime();
        float[][] pv = embedInParallel(e, texts, 2);
        double msPerPassage = (System.nanoTime() - t0) / 1e6 / texts.size();
        long t1 = System.nanoTime();
        float[][] qv = e.embed(questions.stream().map(Question::text).toList());
        double msPerQuestion = (System.nanoTime() - t1) / 1e6 / questions.size();
        int r1 = 0;
        int r5 = 0;
        for (int i = 0; i < questions.size(); i++) {
          int first = firstWithAnswer(qv[i], pv, tokens, questions.get(i));
          r1 += first == 1 ? 1 : 0;
          r5 += first >= 1 && first <= 5 ? 1 : 0;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("r1", 100.0 * r1 / questions.size());
        m.put("r5", 100.0 * r5 / questions.size());
        m.put("ms_per_passage_2_threads", msPerPassage);
        m.put("ms_per_question", msPerQuestion);
        out.put(which.id(), m);
        System.out.printf(Locale.ROOT, "%-20s %7.2f %7.2f %12.1f %12.1f%n", which.id(), m.get("r1"), m.get("r5"), msPerPassage, msPerQuestion);
      }
    }
    out.put("passages", passages.size());
    out.put("questions", questions.size());
    Files.createDirectories(Path.of(args[1]).toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(args[1]).toFile(), out);
  }

  private static float[][] embedInParallel(PretrainedEncoder e, List<String> texts, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<float[][]>> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int from = t * texts.size() / threads;
      int to = (t + 1) * texts.size() / threads;
      parts.add(pool.submit(() -> e.embed(texts.subList(from, to))));
    }
    List<float[]> all = new ArrayList<>();
    for (Future<float[][]> f : parts) {
      all.addAll(List.of(f.get()));
    }
    pool.shutdown();
    return all.toArray(float[][]::new);
  }

  /** 1-based rank of the first passage holding an answer, by exhaustive cosine search; 0 if none in the top 5. */
  private static int firstWithAnswer(float[] q, float[][] pv, List<String[]> tokens, Question question) {
    Integer[] order = new Integer[pv.length];
    double[] s = new double[pv.length];
    for (int i = 0; i < pv.length; i++) {
      order[i] = i;
      for (int d = 0; d < q.length; d++) {
        s[i] += q[d] * pv[i][d];
      }
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
    for (int r = 0; r < Math.min(5, order.length); r++) {
      if (AnswerMetrics.containsAnswer(tokens.get(order[r]), question.answers())) {
        return r + 1;
      }
    }
    return 0;
  }
}

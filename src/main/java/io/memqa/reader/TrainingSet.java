package io.memqa.reader;

import io.memqa.corpus.Passage;
import io.memqa.data.Question;
import io.memqa.retrieve.Hit;
import io.memqa.retrieve.Retriever;
import io.memqa.util.Progress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Training questions grouped by their gold paragraph, split into a training part and a held-out
 * part by article (so no article's paragraphs land on both sides), each question with the
 * passages the retriever returns for it.
 */
public final class TrainingSet {
  /**
   * A question, its gold paragraph, what the retriever found for it (empty if none asked) and,
   * for held-out questions, what it found outside the question's own article: a memory that
   * almost never holds the answer, to learn what "the corpus does not say" looks like.
   */
  public record Item(Question question, Passage gold, List<Hit> retrieved, List<Hit> elsewhere) {
    public Item(Question question, Passage gold, List<Hit> retrieved) {
      this(question, gold, retrieved, List.of());
    }
  }

  private final List<List<Item>> train;
  private final List<Item> heldOut;

  private TrainingSet(List<List<Item>> train, List<Item> heldOut) {
    this.train = train;
    this.heldOut = heldOut;
  }

  /** Training groups: the questions of one paragraph each. */
  public List<List<Item>> train() {
    return train;
  }

  public List<Item> heldOut() {
    return heldOut;
  }

  public int trainQuestions() {
    return train.stream().mapToInt(List::size).sum();
  }

  /**
   * Builds the set. {@code passages} maps passage ids to paragraphs; questions whose paragraph is
   * unknown are dropped. With a retriever, every question is searched once ({@code k} passages).
   */
  public static TrainingSet build(
      List<Question> questions, Map<String, Passage> passages, Retriever retriever, int k,
      TrainOptions options) throws InterruptedException {
    return build(questions, passages, retriever, k, options, false);
  }

  /**
   * Only the held-out part (the training part left empty): what calibrating a trained model needs,
   * without searching for every training question.
   */
  public static TrainingSet heldOutOnly(
      List<Question> questions, Map<String, Passage> passages, Retriever retriever, int k,
      TrainOptions options) throws InterruptedException {
    return build(questions, passages, retriever, k, options, true);
  }

  private static TrainingSet build(
      List<Question> questions, Map<String, Passage> passages, Retriever retriever, int k,
      TrainOptions options, boolean heldOutOnly) throws InterruptedException {
    List<Question> usable = new ArrayList<>();
    for (Question q : questions) {
      if (q.passageId() != null && passages.containsKey(q.passageId())) {
        usable.add(q);
      }
    }
    if (options.limit() > 0 && usable.size() > options.limit()) {
      usable = usable.subList(0, options.limit());
    }
    List<Question> train = new ArrayList<>();
    List<Question> held = new ArrayList<>();
    for (Question q : usable) {
      if (isHeldOut(q.passageId(), options)) {
        held.add(q);
      } else if (!heldOutOnly) {
        train.add(q);
      }
    }
    if (held.size() > options.heldOutLimit()) {
      held = held.subList(0, options.heldOutLimit());
    }
    Map<String, List<Item>> byPassage = new LinkedHashMap<>();
    List<List<Hit>> hits = retrieve(train, retriever, k, options.threads());
    for (int i = 0; i < train.size(); i++) {
      Question q = train.get(i);
      byPassage.computeIfAbsent(q.passageId(), x -> new ArrayList<>()).add(new Item(q, passages.get(q.passageId()), hits.get(i)));
    }
    // Held-out questions also get passages from other articles: k more than asked for, so that
    // k are left once the question's own article is taken out.
    List<Item> heldOut = new ArrayList<>();
    List<List<Hit>> wide = retrieve(held, retriever, ELSEWHERE_FACTOR * k, options.threads());
    for (int i = 0; i < held.size(); i++) {
      Question q = held.get(i);
      List<Hit> all = wide.get(i);
      List<Hit> elsewhere = all.stream().filter(h -> !article(h.passage().id()).equals(article(q.passageId())))
          .limit(k).toList();
      heldOut.add(new Item(q, passages.get(q.passageId()), all.size() > k ? all.subList(0, k) : all, renumber(elsewhere)));
    }
    return new TrainingSet(new ArrayList<>(byPassage.values()), heldOut);
  }

  /** Retrieval depth for held-out questions, as a multiple of k: room to drop their own article. */
  private static final int ELSEWHERE_FACTOR = 4;

  /** Held out by article: the passage id without its last "-paragraph" part. */
  public static boolean isHeldOut(String passageId, TrainOptions options) {
    long h = FeatureHashing.hash(article(passageId), options.seed());
    return Math.floorMod(h, 10_000L) < options.heldOutFraction() * 10_000;
  }

  private static String article(String passageId) {
    int cut = passageId.lastIndexOf('-');
    return cut > 0 ? passageId.substring(0, cut) : passageId;
  }

  /** Hits ranked 1..n again after some were taken out. */
  private static List<Hit> renumber(List<Hit> hits) {
    List<Hit> out = new ArrayList<>(hits.size());
    for (int i = 0; i < hits.size(); i++) {
      out.add(new Hit(hits.get(i).passage(), hits.get(i).score(), i + 1));
    }
    return out;
  }

  private static List<List<Hit>> retrieve(List<Question> qs, Retriever r, int k, int threads)
      throws InterruptedException {
    if (r == null || qs.isEmpty()) {
      return Collections.nCopies(qs.size(), List.of());
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (Progress progress = Progress.start("retrieve for training (questions)", qs.size())) {
      List<Future<List<Hit>>> futures = new ArrayList<>(qs.size());
      for (Question q : qs) {
        futures.add(pool.submit(() -> {
          List<Hit> h = r.search(q.text(), k);
          progress.step();
          return h;
        }));
      }
      List<List<Hit>> out = new ArrayList<>(qs.size());
      for (Future<List<Hit>> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      throw new IllegalStateException("retrieval failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}

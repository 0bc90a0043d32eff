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
  /** A question, its gold paragraph, and what the retriever found for it (empty if none asked). */
  public record Item(Question question, Passage gold, List<Hit> retrieved) {}

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
    List<Question> usable = new ArrayList<>();
    for (Question q : questions) {
      if (q.passageId() != null && passages.containsKey(q.passageId())) {
        usable.add(q);
      }
    }
    if (options.limit() > 0 && usable.size() > options.limit()) {
      usable = usable.subList(0, options.limit());
    }
    List<List<Hit>> hits = retriever == null ? Collections.nCopies(usable.size(), List.of()) : retrieve(usable, retriever, k, options.threads());
    Map<String, List<Item>> byPassage = new LinkedHashMap<>();
    List<Item> heldOut = new ArrayList<>();
    for (int i = 0; i < usable.size(); i++) {
      Question q = usable.get(i);
      Item item = new Item(q, passages.get(q.passageId()), hits.get(i));
      if (isHeldOut(q.passageId(), options)) {
        heldOut.add(item);
      } else {
        byPassage.computeIfAbsent(q.passageId(), x -> new ArrayList<>()).add(item);
      }
    }
    if (heldOut.size() > options.heldOutLimit()) {
      heldOut = new ArrayList<>(heldOut.subList(0, options.heldOutLimit()));
    }
    return new TrainingSet(new ArrayList<>(byPassage.values()), heldOut);
  }

  /** Held out by article: the passage id without its last "-paragraph" part. */
  public static boolean isHeldOut(String passageId, TrainOptions options) {
    int cut = passageId.lastIndexOf('-');
    String article = cut > 0 ? passageId.substring(0, cut) : passageId;
    long h = FeatureHashing.hash(article, options.seed());
    return Math.floorMod(h, 10_000L) < options.heldOutFraction() * 10_000;
  }

  private static List<List<Hit>> retrieve(List<Question> qs, Retriever r, int k, int threads)
      throws InterruptedException {
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

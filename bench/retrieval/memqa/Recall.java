import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.corpus.Passage;
import io.memqa.data.SquadQuestionReader;
import io.memqa.eval.RetrievalEvaluation;
import io.memqa.retrieve.Bm25Retriever;
import io.memqa.retrieve.Hit;
import io.memqa.retrieve.Retriever;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answer recall@1/5/20/100 on SQuAD dev through memqa's own RetrievalEvaluation (and so
 * AnswerMetrics.containsAnswer on the passage text), either of a memqa index or of a TREC run file
 * written by Anserini: both engines are scored by the same code.
 *
 * <p>Usage: Recall DEV.json OUT_DIR memqa INDEX
 * <br>or: Recall DEV.json OUT_DIR run RUN.trec TOPICS.tsv PASSAGES.jsonl
 */
public final class Recall {
  private static final int[] KS = {1, 5, 20, 100};

  public static void main(String[] args) throws Exception {
    Path dev = Path.of(args[0]);
    Path out = Path.of(args[1]);
    try (Retriever r = args[2].equals("memqa")
            ? Bm25Retriever.open(Path.of(args[3]))
            : RunRetriever.load(Path.of(args[3]), Path.of(args[4]), Path.of(args[5]));
        SquadQuestionReader questions = new SquadQuestionReader(dev)) {
      RetrievalEvaluation eval = new RetrievalEvaluation(r, KS, 2);
      eval.print(eval.run(questions, 0, out), System.out);
    }
  }

  /** A ranking read from a run file, served by question text (same text, same Anserini query). */
  static final class RunRetriever implements Retriever {
    private final Map<String, List<String>> rankings = new HashMap<>();
    private final Map<String, Passage> passages = new HashMap<>();

    static RunRetriever load(Path run, Path topics, Path corpus) throws Exception {
      RunRetriever r = new RunRetriever();
      Map<String, String> textById = new HashMap<>();
      for (String line : Files.readAllLines(topics, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t", 2);
        textById.put(f[0], f[1]);
      }
      // TREC format: qid Q0 docid rank score tag, best first within a query.
      for (String line : Files.readAllLines(run, StandardCharsets.UTF_8)) {
        String[] f = line.split(" ");
        r.rankings.computeIfAbsent(textById.get(f[0]), t -> new ArrayList<>()).add(f[2]);
      }
      ObjectMapper json = new ObjectMapper();
      try (BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
        for (String line; (line = in.readLine()) != null; ) {
          JsonNode n = json.readTree(line);
          Passage p = new Passage(n.get("id").asText(), n.get("title").asText(), n.get("text").asText());
          r.passages.put(p.id(), p);
        }
      }
      return r;
    }

    @Override
    public List<Hit> search(String question, int k) {
      List<String> ids = rankings.getOrDefault(Prepare.oneLine(question), List.of());
      List<Hit> hits = new ArrayList<>();
      for (String id : ids.subList(0, Math.min(k, ids.size()))) {
        Passage p = passages.get(id);
        if (p == null) {
          throw new IllegalStateException("run file names passage " + id + ", which is not in the corpus");
        }
        hits.add(new Hit(p, 0f, hits.size() + 1));
      }
      return hits;
    }

    @Override
    public Optional<Passage> passage(String id) {
      return Optional.ofNullable(passages.get(id));
    }

    @Override
    public long size() {
      return passages.size();
    }

    @Override
    public void close() {}
  }
}

import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.corpus.Passage;
import io.memqa.corpus.PassageReader;
import io.memqa.data.Datasets;
import io.memqa.data.Manifest;
import io.memqa.data.Question;
import io.memqa.data.QuestionReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the SQuAD paragraphs (train + dev, read by memqa itself so the passage ids are memqa's)
 * as memqa JSON lines and as Anserini JsonCollection shards, and the dev questions as a topics file.
 *
 * <p>Usage: Prepare DATA_DIR OUT_DIR SHARDS
 */
public final class Prepare {
  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int shards = Integer.parseInt(args[2]);
    Datasets datasets = new Datasets(Manifest.bundled(), data);
    long passages;
    try (PassageReader r = datasets.openCorpus("squad", false);
        Corpus c = new Corpus(out, "squad", shards)) {
      while (r.hasNext()) {
        c.add(r.next());
      }
      passages = c.count;
    }
    long questions = 0;
    try (QuestionReader q = datasets.openQuestions("squad-dev", null);
        BufferedWriter w = Files.newBufferedWriter(out.resolve("topics-squad-dev.tsv"), StandardCharsets.UTF_8)) {
      while (q.hasNext()) {
        Question x = q.next();
        w.write("q" + questions++ + "\t" + oneLine(x.text()) + "\n");
      }
    }
    System.out.printf("prepared %,d passages and %,d dev questions in %s%n", passages, questions, out);
  }

  /** Topic files are one question per line, tab-separated. */
  static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  /**
   * The same passages in both formats: memqa {id,title,text}; Anserini {id,contents=title+text},
   * in SHARDS files (none when SHARDS is 0: memqa's file only).
   */
  static final class Corpus implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter memqa;
    private final BufferedWriter[] anserini;
    long count;

    Corpus(Path out, String name, int shards) throws Exception {
      Path dir = out.resolve("anserini-input").resolve(name);
      Files.createDirectories(dir);
      try (var old = Files.list(dir)) {
        for (Path p : old.toList()) {
          Files.delete(p);
        }
      }
      memqa = Files.newBufferedWriter(out.resolve(name + ".jsonl"), StandardCharsets.UTF_8);
      anserini = new BufferedWriter[shards];
      for (int i = 0; i < shards; i++) {
        anserini[i] = Files.newBufferedWriter(dir.resolve(String.format("part-%02d.jsonl", i)), StandardCharsets.UTF_8);
      }
    }

    void add(Passage p) throws Exception {
      memqa.write(JSON.writeValueAsString(JSON.createObjectNode().put("id", p.id()).put("title", p.title()).put("text", p.text())));
      memqa.write('\n');
      if (anserini.length == 0) {
        count++;
        return;
      }
      // Anserini reads one file per thread: deal passages round-robin so the shards are even.
      BufferedWriter a = anserini[(int) (count++ % anserini.length)];
      a.write(JSON.writeValueAsString(JSON.createObjectNode().put("id", p.id()).put("contents", p.title() + "\n" + p.text())));
      a.write('\n');
    }

    @Override
    public void close() throws Exception {
      memqa.close();
      for (BufferedWriter w : anserini) {
        w.close();
      }
    }
  }
}

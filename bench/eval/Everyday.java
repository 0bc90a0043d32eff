import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memqa.data.Datasets;
import io.memqa.data.Manifest;
import io.memqa.data.Question;
import io.memqa.data.QuestionReader;
import io.memqa.data.SquadQuestionReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Helper of bench/eval/everyday.sh.
 * same-paragraphs SQUAD_DEV OUT: SQuAD dev's own questions on the paragraphs the everyday set asks
 * about, as qa-jsonl (the control: same paragraphs and answers' kind, SQuAD's wording).
 * table DIR: the figures of the runs under DIR as a Markdown table.
 */
public class Everyday {
  static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("same-paragraphs")) {
      sameParagraphs(Path.of(args[1]), Path.of(args[2]));
    } else if (args.length == 2 && args[0].equals("table")) {
      table(Path.of(args[1]));
    } else {
      throw new IllegalArgumentException("usage: Everyday same-paragraphs SQUAD_DEV OUT | table DIR");
    }
  }

  static void sameParagraphs(Path squadDev, Path out) throws Exception {
    Set<String> paragraphs = new HashSet<>();
    try (QuestionReader r = new Datasets(Manifest.bundled(), Path.of("data")).openQuestions("everyday", null)) {
      r.forEachRemaining(q -> {
        if (q.passageId() != null) {
          paragraphs.add(q.passageId());
        }
      });
    }
    StringBuilder lines = new StringBuilder();
    int n = 0;
    try (SquadQuestionReader r = new SquadQuestionReader(squadDev)) {
      while (r.hasNext()) {
        Question q = r.next();
        if (paragraphs.contains(q.passageId())) {
          ObjectNode o = JSON.createObjectNode().put("id", q.id()).put("question", q.text()).put("passageId", q.passageId());
          q.answers().forEach(o.putArray("answers")::add);
          lines.append(JSON.writeValueAsString(o)).append('\n');
          n++;
        }
      }
    }
    Files.writeString(out, lines);
    System.out.printf("%d SQuAD dev questions on the %d paragraphs of the everyday set -> %s%n", n, paragraphs.size(), out);
  }

  static void table(Path dir) throws Exception {
    System.out.println("| questions | answerable | closed EM / F1 | open EM / F1 | answer recall @1 / @5 / @20 (the index's default retriever) "
        + "| open ECE | open EM at 50% / 80% coverage | unanswerable answered confidently |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (String set : new String[] {"everyday", "squad-same"}) {
      JsonNode closed = summary(dir.resolve(set + "-closed")).path("metrics");
      JsonNode open = summary(dir.resolve(set + "-open"));
      JsonNode m = open.path("metrics");
      JsonNode r = summary(dir.resolve(set + "-retrieval")).path("metrics");
      String unanswerable = m.has("unanswerable")
          ? String.format("%.0f of %.0f (mean top score %.1f%%)", m.path("unanswerable_confident").asDouble(),
              m.path("unanswerable").asDouble(), m.path("unanswerable_mean_score").asDouble())
          : "-";
      System.out.printf("| %s | %d | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f / %.2f | %.2f | %.2f / %.2f | %s |%n",
          set.equals("everyday") ? "everyday" : "SQuAD dev, same paragraphs", open.path("questions").asInt()
              - (int) m.path("unanswerable").asDouble(),
          closed.path("em").asDouble(), closed.path("f1").asDouble(), m.path("em").asDouble(), m.path("f1").asDouble(),
          r.path("answer_recall@1").asDouble(), r.path("answer_recall@5").asDouble(), r.path("answer_recall@20").asDouble(),
          m.path("ece").asDouble(), m.path("em_coverage@50").asDouble(), m.path("em_coverage@80").asDouble(), unanswerable);
    }
  }

  static JsonNode summary(Path run) throws Exception {
    return JSON.readTree(run.resolve("summary.json").toFile());
  }
}

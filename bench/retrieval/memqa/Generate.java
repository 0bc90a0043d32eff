import io.memqa.corpus.Passage;
import io.memqa.corpus.PassageReader;
import io.memqa.data.Datasets;
import io.memqa.data.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * A synthetic corpus of N passages for scale runs: SQuAD sentences recombined with a fixed seed.
 * Each synthetic article draws one SQuAD article, takes a Wikipedia-like disambiguated title from
 * it ("Title (1803 album)") and 3-11 passages of that article's sentences, drawn at random until a
 * passage has about 117 words (SQuAD's mean). Same seed and input give the same files.
 *
 * <p>Usage: Generate DATA_DIR OUT_DIR N SHARDS [SEED]
 */
public final class Generate {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"')\\]]?)\\s+(?=[\"“(]?[A-Z0-9])");
  private static final String[] KINDS = {
    "film", "album", "band", "novel", "song", "river", "ship", "company", "magazine", "play",
    "opera", "painting", "TV series", "video game", "newspaper", "horse", "poem", "book"
  };
  /** Stop adding sentences at this many words; with SQuAD's sentence lengths the mean is ~117. */
  private static final int MIN_WORDS = 103;

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Path out = Path.of(args[1]);
    long n = Long.parseLong(args[2]);
    int shards = Integer.parseInt(args[3]);
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 20240613L;

    Map<String, List<String[]>> byTitle = new LinkedHashMap<>();
    try (PassageReader r = new Datasets(Manifest.bundled(), data).openCorpus("squad", false)) {
      while (r.hasNext()) {
        Passage p = r.next();
        List<String[]> sentences = byTitle.computeIfAbsent(p.title(), t -> new ArrayList<>());
        for (String s : SENTENCE_END.split(p.text().strip())) {
          if (!s.isBlank()) {
            sentences.add(new String[] {s, String.valueOf(s.split("\\s+").length)});
          }
        }
      }
    }
    List<String> titles = new ArrayList<>(byTitle.keySet());
    int[] uses = new int[titles.size()];
    SplittableRandom rnd = new SplittableRandom(seed);
    long words = 0;
    String name = "synth-" + n;
    try (Prepare.Corpus c = new Prepare.Corpus(out, name, shards)) {
      for (int article = 0; c.count < n; article++) {
        int src = rnd.nextInt(titles.size());
        int use = uses[src]++;
        String title = titles.get(src);
        if (use > 0) {
          String kind = KINDS[(use - 1) % KINDS.length];
          int year = 1800 + (use - 1) / KINDS.length;
          title += use <= KINDS.length ? " (" + kind + ")" : " (" + year + " " + kind + ")";
        }
        List<String[]> pool = byTitle.get(titles.get(src));
        int count = 3 + rnd.nextInt(9);
        for (int i = 0; i < count && c.count < n; i++) {
          StringBuilder text = new StringBuilder();
          int w = 0;
          while (w < MIN_WORDS) {
            String[] s = pool.get(rnd.nextInt(pool.size()));
            text.append(text.length() == 0 ? "" : " ").append(s[0]);
            w += Integer.parseInt(s[1]);
          }
          words += w;
          c.add(new Passage(name + "-" + article + "-" + i, title, text.toString()));
        }
      }
      System.out.printf("generated %,d passages (mean %.1f words) in %s%n", c.count, words / (double) c.count, out);
    }
  }
}

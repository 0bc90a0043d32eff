package io.memqa.corpus;

import io.memqa.text.Sentences;
import io.memqa.text.Tokenizer;
import io.memqa.text.Tokens;
import io.memqa.util.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a whole document (a Wikipedia article) into passages of about {@code words} words, DPR's
 * unit of retrieval: whole sentences only, a new passage preferably where a paragraph starts,
 * the title carried to every passage, ids {@code DOCID#0}, {@code DOCID#1}, ... and the document
 * id kept so that answers can cite the article. A passage grows past the target rather than
 * ending in a sliver: up to half again as long, and a short tail joins the passage before it. A
 * document that fits in one passage is kept as it is, with its own id (so corpora of passages in
 * JSON lines read as before).
 */
public final class PassageSplitter {
  /** DPR's passage length. */
  public static final int DEFAULT_WORDS = 100;
  public static final int MIN_WORDS = 10;
  public static final int MAX_WORDS = 10_000;
  /** Between a passage id and the document id it came from. */
  public static final char ID_SEPARATOR = '#';

  private static final Pattern PARAGRAPHS = Pattern.compile("\\s*\\n\\s*");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private final int words;
  private final int longest;

  public PassageSplitter(int words) {
    if (words < MIN_WORDS || words > MAX_WORDS) {
      throw new BadInputException(
          "passage length must be " + MIN_WORDS + ".." + MAX_WORDS + " words (or 0 to keep documents whole), got " + words);
    }
    this.words = words;
    this.longest = words + words / 2;
  }

  public int words() {
    return words;
  }

  /** A sentence (or a piece of an over-long one) and whether a paragraph starts with it. */
  private record Piece(String text, int words, boolean paragraphStart) {}

  /** The passages of {@code doc}, in order; none when it has no words. */
  public List<Passage> split(Passage doc) {
    List<List<Piece>> paragraphs = paragraphs(doc);
    List<List<Piece>> chunks = new ArrayList<>();
    List<Piece> current = new ArrayList<>();
    int count = 0;
    for (List<Piece> paragraph : paragraphs) {
      int size = paragraph.stream().mapToInt(Piece::words).sum();
      // A new paragraph starts a new passage once the current one is long enough and the whole
      // paragraph does not fit in it.
      if (count >= words / 2 && count + size > words) {
        chunks.add(current);
        current = new ArrayList<>();
        count = 0;
      }
      for (Piece s : paragraph) {
        if (count > 0 && count + s.words() > words && (count >= words / 2 || count + s.words() > longest)) {
          chunks.add(current);
          current = new ArrayList<>();
          count = 0;
        }
        current.add(s);
        count += s.words();
      }
    }
    if (!current.isEmpty()) {
      int last = count;
      if (!chunks.isEmpty() && last < words / 2 && wordsOf(chunks.get(chunks.size() - 1)) + last <= longest) {
        chunks.get(chunks.size() - 1).addAll(current);
      } else {
        chunks.add(current);
      }
    }
    if (chunks.size() == 1) {
      return List.of(doc); // short enough already: kept as it is, id and text
    }
    List<Passage> passages = new ArrayList<>(chunks.size());
    for (List<Piece> chunk : chunks) {
      passages.add(new Passage(doc.id() + ID_SEPARATOR + passages.size(), doc.title(), join(chunk), doc.id()));
    }
    return passages;
  }

  private static int wordsOf(List<Piece> chunk) {
    return chunk.stream().mapToInt(Piece::words).sum();
  }

  /** Sentences within a paragraph are joined by a space, paragraphs by a line break. */
  private static String join(List<Piece> chunk) {
    StringBuilder b = new StringBuilder();
    for (Piece p : chunk) {
      if (!b.isEmpty()) {
        b.append(p.paragraphStart() ? '\n' : ' ');
      }
      b.append(p.text());
    }
    return b.toString();
  }

  private List<List<Piece>> paragraphs(Passage doc) {
    List<List<Piece>> out = new ArrayList<>();
    boolean first = true;
    for (String paragraph : PARAGRAPHS.split(doc.text().strip())) {
      // WikiExtractor's older output repeats the title as the first line.
      if (first && paragraph.equals(doc.title())) {
        first = false;
        continue;
      }
      first = false;
      List<Piece> pieces = sentences(paragraph);
      if (!pieces.isEmpty()) {
        out.add(pieces);
      }
    }
    return out;
  }

  private List<Piece> sentences(String paragraph) {
    List<Piece> pieces = new ArrayList<>();
    Tokens t = Tokenizer.tokenize(paragraph);
    if (t.size() == 0) {
      return pieces;
    }
    int[] ids = Sentences.sentenceIds(t);
    int first = 0;
    for (int i = 1; i <= t.size(); i++) {
      if (i == t.size() || ids[i] != ids[first]) {
        addSentence(pieces, paragraph.substring(t.start(first), t.end(i - 1)));
        first = i;
      }
    }
    return pieces;
  }

  /** Adds one sentence, cut into pieces of the target length when it alone is over-long (a list). */
  private void addSentence(List<Piece> pieces, String sentence) {
    String[] w = SPACES.split(sentence);
    boolean paragraphStart = pieces.isEmpty();
    if (w.length <= longest) {
      pieces.add(new Piece(sentence, w.length, paragraphStart));
      return;
    }
    for (int from = 0; from < w.length; from += words) {
      int to = Math.min(w.length, from + words);
      pieces.add(new Piece(String.join(" ", java.util.Arrays.copyOfRange(w, from, to)), to - from, paragraphStart && from == 0));
    }
  }
}

package io.memqa.reader;

import io.memqa.corpus.Passage;
import io.memqa.data.Question;
import io.memqa.encoder.EncoderIdentity;
import io.memqa.encoder.WordVectors;
import io.memqa.text.Tokenizer;
import io.memqa.text.Tokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.Random;

/**
 * A small generated corpus for learning tests: short biographies in which each fact sits next to
 * the words a question asks with ("X was born in CITY", "Where was X born?"), plus distractor
 * facts about other people in the same passage, so the reader must use the question.
 */
public final class SyntheticQa {
  private static final String[] FIRST = {"Alma", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo",
      "Ines", "Jonas", "Kira", "Lucas", "Mira", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Stefan", "Tara"};
  private static final String[] LAST = {"Abbott", "Brandt", "Castell", "Dorn", "Eklund", "Falk", "Gruber",
      "Hale", "Ivers", "Janek", "Kessler", "Lind", "Moreau", "Novak", "Orsini", "Petrov", "Quist", "Rhee"};
  private static final String[] CITY = {"Lisbon", "Prague", "Oslo", "Vienna", "Dublin", "Krakow", "Porto",
      "Geneva", "Tallinn", "Bergen", "Lyon", "Turin", "Ghent", "Malmo", "Brno", "Split"};
  private static final String[] FIELD = {"chemistry", "geology", "botany", "astronomy", "linguistics",
      "medicine", "architecture", "mathematics", "zoology", "economics"};

  /** Passages and their questions. */
  public record Data(List<Passage> passages, List<Question> questions) {}

  private SyntheticQa() {}

  /** {@code people} passages of two people each, with three questions about the first one. */
  public static Data generate(int people, long seed) {
    Random rnd = new Random(seed);
    List<Passage> passages = new ArrayList<>();
    List<Question> questions = new ArrayList<>();
    for (int i = 0; i < people; i++) {
      String a = pick(rnd, FIRST) + " " + pick(rnd, LAST);
      String b = pick(rnd, FIRST) + " " + pick(rnd, LAST);
      String cityA = pick(rnd, CITY);
      String cityB = pick(rnd, CITY);
      String yearA = String.valueOf(1800 + rnd.nextInt(150));
      String yearB = String.valueOf(1800 + rnd.nextInt(150));
      String fieldA = pick(rnd, FIELD);
      String fieldB = pick(rnd, FIELD);
      String text = a + " was born in " + cityA + " in " + yearA + ". " + a + " studied " + fieldA
          + " for many years. " + b + " was born in " + cityB + " in " + yearB + ". " + b
          + " later studied " + fieldB + " abroad.";
      String id = "syn-" + i + "-0";
      passages.add(new Passage(id, a, text));
      questions.add(q(id + "-where", "Where was " + a + " born?", cityA, id));
      questions.add(q(id + "-when", "In what year was " + a + " born?", yearA, id));
      questions.add(q(id + "-what", "What did " + b + " study?", fieldB, id));
    }
    return new Data(passages, questions);
  }

  /**
   * Random unit vectors of width {@code dim} for every word of {@code data} (so that soft matches
   * are neither all 0 nor all 1), as pretrained word vectors.
   */
  public static WordVectors vectors(Data data, int dim, long seed) {
    Random random = new Random(seed);
    Map<String, float[]> rows = new HashMap<>();
    List<String> texts = new ArrayList<>();
    data.passages().forEach(p -> texts.add(p.text()));
    data.questions().forEach(q -> texts.add(q.text()));
    for (String text : texts) {
      Tokens tokens = Tokenizer.tokenize(text);
      for (int i = 0; i < tokens.size(); i++) {
        rows.computeIfAbsent(tokens.word(i).toLowerCase(Locale.ROOT), w -> unit(random, dim));
      }
    }
    return new WordVectors(new EncoderIdentity("test", "g:a:1", "aa", "bb", dim, "MEAN", 256), dim, new String[0],
        new float[0][], rows);
  }

  private static float[] unit(Random random, int dim) {
    float[] v = new float[dim];
    double norm = 0;
    for (int i = 0; i < dim; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < dim; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  private static Question q(String id, String text, String answer, String passageId) {
    return new Question(id, text, List.of(answer), Question.AnswerKind.TEXT, passageId, List.of(), id);
  }

  private static String pick(Random rnd, String[] values) {
    return values[rnd.nextInt(values.length)];
  }
}

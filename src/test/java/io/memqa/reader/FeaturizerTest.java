package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.memqa.corpus.Passage;
import io.memqa.encoder.EncoderIdentity;
import io.memqa.encoder.WordVectors;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import io.memqa.memory.MemoryConfig;
import io.memqa.memory.Slot;
import io.memqa.retrieve.Hit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturizerTest {
  private static final Passage P = new Passage("dev-0-0", "Super Bowl 50",
      "The Denver Broncos defeated the Carolina Panthers. The game was played in Santa Clara, California. "
          + "The Broncos won their third title.");
  private final MemoryBuilder builder = new MemoryBuilder(MemoryConfig.defaults());

  @Test
  void marksEverySlotWhoseTextNormalisesToAGoldAnswer() {
    Memory m = builder.build("Which team won?", P);
    Example e = new Featurizer(4096, 64).encode(m, List.of("the Denver Broncos", "Broncos"));
    for (int i = 0; i < e.slots(); i++) {
      String text = m.valueText(m.slots().get(e.slotIndex()[i]));
      boolean expected = text.equals("Denver Broncos") || text.equals("Broncos");
      assertThat(e.gold()[i]).as(text).isEqualTo(expected);
    }
    assertThat(e.hasGold()).isTrue();
    assertThat(new Featurizer(4096, 64).encode(m, List.of("Seattle")).hasGold()).isFalse();
  }

  @Test
  void segmentsCutAtSentencesAndSlotsPointIntoThem() {
    Memory m = builder.build("Where was the game played?", P);
    Example e = new Featurizer(4096, 12).encode(m);
    assertThat(e.passages().length).isGreaterThan(1);
    int total = 0;
    for (Example.EncodedPassage s : e.passages()) {
      assertThat(s.length()).isLessThanOrEqualTo(12);
      total += s.length();
    }
    assertThat(total).isEqualTo(m.passages().get(0).tokens().size());
    int[] offsets = new int[e.passages().length];
    for (int g = 1; g < offsets.length; g++) {
      offsets[g] = offsets[g - 1] + e.passages()[g - 1].length();
    }
    for (int i = 0; i < e.slots(); i++) {
      Slot s = m.slots().get(e.slotIndex()[i]);
      int g = e.slotPassage()[i];
      assertThat(e.slotStart()[i] + offsets[g]).isEqualTo(s.first());
      assertThat(e.slotEnd()[i] + offsets[g]).isEqualTo(s.last());
      assertThat(e.slotKeyFirst()[i]).isBetween(0, e.slotStart()[i]);
      assertThat(e.slotKeyLast()[i]).isBetween(e.slotEnd()[i], e.passages()[g].length() - 1);
    }
  }

  @Test
  void questionWordsAreMarkedInThePassage() {
    Memory m = builder.build("Who defeated the Panthers?", P);
    Example e = new Featurizer(4096, 64).encode(m);
    Example.EncodedPassage s = e.passages()[0];
    var tokens = m.passages().get(0).tokens();
    for (int t = 0; t < s.length(); t++) {
      boolean exact = s.feature(t, Feature.EXACT_MATCH) > 0;
      String w = tokens.word(t).toLowerCase();
      assertThat(exact).as(w).isEqualTo(w.equals("defeated") || w.equals("panthers"));
    }
  }

  @Test
  void bothWordsOfAQuestionPairAreMarkedInOrderOnly() {
    // "carolina panthers" is a pair of the question's; "denver broncos" is in it the other way round.
    Memory m = builder.build("Did Carolina Panthers or Broncos, Denver's team, win?", P);
    Example.EncodedPassage s = new Featurizer(4096, 64).encode(m).passages()[0];
    var tokens = m.passages().get(0).tokens();
    for (int t = 0; t < s.length(); t++) {
      String w = tokens.word(t);
      boolean paired = t < 8 && (w.equals("Carolina") || w.equals("Panthers"));
      assertThat(s.feature(t, Feature.BIGRAM_MATCH)).as(w + " at " + t).isEqualTo(paired ? 1f : 0f);
    }
    // The same passage read for another question keeps nothing of the first question's pairs.
    Example.EncodedPassage other = new Featurizer(4096, 64).encode(builder.build("Who won?", P)).passages()[0];
    for (int t = 0; t < other.length(); t++) {
      assertThat(other.feature(t, Feature.BIGRAM_MATCH)).isZero();
    }
  }

  @Test
  void openMemoriesCarryRetrievalRankAndScore() {
    Passage other = new Passage("x-0-0", "Other", "Panthers are big cats. They live in forests.");
    Memory m = builder.build("Which team won?", List.of(new Hit(P, 10f, 1), new Hit(other, 5f, 2)));
    Example e = new Featurizer(4096, 64).encode(m);
    for (int i = 0; i < e.slots(); i++) {
      int passage = m.slots().get(e.slotIndex()[i]).passage();
      float inverseRank = e.slotFeature(i, Feature.INVERSE_RANK);
      float score = e.slotFeature(i, Feature.RETRIEVAL_SCORE);
      assertThat(inverseRank).isEqualTo(passage == 0 ? 1f : 0.5f);
      assertThat(score).isEqualTo(passage == 0 ? 1f : 0.5f);
    }
  }

  @Test
  void spanOverlapIsTheShareOfTheSpansContentWordsTheQuestionHasAndTitleOverlapTheTitles() {
    Memory m = builder.build("Which Panthers game was played in California?", P);
    Example e = new Featurizer(4096, 12).encode(m); // segments cut the passage: spans are counted in theirs
    Map<String, Float> expected = Map.of("Carolina Panthers", 0.5f, "Santa Clara, California", 1f / 3,
        "Denver Broncos", 0f, "California", 1f);
    Map<String, Float> seen = new java.util.HashMap<>();
    for (int i = 0; i < e.slots(); i++) {
      String text = m.valueText(m.slots().get(e.slotIndex()[i]));
      if (expected.containsKey(text)) {
        seen.put(text, e.slotFeature(i, Feature.SPAN_OVERLAP));
      }
      assertThat(e.slotFeature(i, Feature.TITLE_OVERLAP)).as(text).isZero();
    }
    assertThat(seen).isEqualTo(expected);
    Example title = new Featurizer(4096, 64).encode(builder.build("When was Super Bowl 50 played?", P));
    for (int i = 0; i < title.slots(); i++) {
      assertThat(title.slotFeature(i, Feature.TITLE_OVERLAP)).isEqualTo(0.75f); // super, bowl, 50 of those and play
    }
  }

  @Test
  void softMatchFindsTheQuestionsMeaningInOtherWords() {
    // "beat" and "defeated" point almost the same way; every other word has no vector (zeros).
    WordVectors vectors = new WordVectors(new EncoderIdentity("test", "g:a:1", "aa", "bb", 3, "MEAN", 256), 3,
        new String[0], new float[0][], Map.of("beat", new float[] {1f, 0f, 0f}, "defeated", new float[] {0.96f, 0.28f, 0f},
            "panthers", new float[] {0f, 0f, 1f}, "broncos", new float[] {0f, 0.6f, 0.8f}));
    Memory m = builder.build("Who beat the Panthers?", P);
    Example with = new Featurizer(4096, 64, vectors).encode(m);
    Example without = new Featurizer(4096, 64).encode(m);
    var tokens = m.passages().get(0).tokens();
    for (int t = 0; t < with.passages()[0].length(); t++) {
      String w = tokens.word(t).toLowerCase();
      float soft = with.passages()[0].feature(t, Feature.SOFT_MATCH);
      float expected = switch (w) {
        case "defeated" -> 0.96f; // no exact match, found by meaning
        case "panthers" -> 1f;
        case "broncos" -> 0.8f;
        default -> 0f;
      };
      assertThat(soft).as(w).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5f));
      assertThat(without.passages()[0].feature(t, Feature.SOFT_MATCH)).as(w).isZero();
    }
    for (int i = 0; i < with.slots(); i++) {
      Slot slot = m.slots().get(with.slotIndex()[i]);
      boolean firstSentence = slot.last() < tokens.size() && m.valueText(slot).matches(".*(Denver|Broncos|Carolina|Panthers).*")
          && slot.first() < 8;
      if (firstSentence) { // the sentence that says who defeated whom, in other words than the question's
        assertThat(with.slotFeature(i, Feature.SENTENCE_SOFT_MATCH)).isGreaterThan(without.slotFeature(i, Feature.SENTENCE_SOFT_MATCH));
      }
    }
  }

  @Test
  void contextualStatesFollowEachWordsVectorInItsInputRow() {
    WordVectors vectors = new WordVectors(new EncoderIdentity("test", "g:a:1", "aa", "bb", 3, "MEAN", 256), 3,
        new String[0], new float[0][], Map.of("broncos", new float[] {0f, 0.6f, 0.8f}));
    io.memqa.encoder.ContextEncoder encoder = new io.memqa.encoder.ContextEncoder(io.memqa.testing.TestEncoders.small());
    ContextStates context = ContextStates.fit(encoder, List.of(P), 8);
    Memory m = builder.build("Who beat the Panthers?", P);
    Example e = new Featurizer(4096, 64, vectors, context).encode(m);
    int row = 3 + 8;
    var tokens = m.passages().get(0).tokens();
    List<String> words = ContextStates.words(tokens, tokens.size());
    // The passage fits one run of the encoder, so its states are those of its words read together.
    float[][] expected = context.question(words);
    Example.EncodedPassage first = e.passages()[0];
    float[] rows = first.inputs().flat(tokens.size());
    assertThat(first.inputs().vectors().length).isEqualTo(tokens.size());
    assertThat(rows).hasSize(tokens.size() * row);
    assertThat(first.inputs().width()).isEqualTo(row);
    int broncos = words.indexOf("Broncos");
    assertThat(java.util.Arrays.copyOfRange(rows, broncos * row, broncos * row + 3))
        .containsExactly(0f, 0.6f, 0.8f);
    for (int t = 0; t < words.size(); t++) {
      for (int d = 0; d < 8; d++) { // kept in 8 bits
        assertThat(rows[t * row + 3 + d]).isCloseTo(expected[t][d], within(0.02f));
      }
    }
    // The question's rows: its four words, the question mark skipped, each with its state in the question.
    assertThat(e.questionVectors()).hasSize(4 * row);
    float[][] q = context.question(List.of("Who", "beat", "the", "Panthers", "?"));
    assertThat(e.questionVectors()[3 * row + 3]).isEqualTo(q[3][0]);
    // A passage read again comes from the table, unchanged.
    assertThat(new Featurizer(4096, 64, vectors, context).encode(m).passages()[0].inputs().flat(tokens.size()))
        .containsExactly(rows);
  }
}

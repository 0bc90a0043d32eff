package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.corpus.Passage;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import io.memqa.memory.MemoryConfig;
import io.memqa.memory.Slot;
import io.memqa.retrieve.Hit;
import java.util.List;
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
}

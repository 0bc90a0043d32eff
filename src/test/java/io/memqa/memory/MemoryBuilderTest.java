package io.memqa.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.corpus.Passage;
import io.memqa.retrieve.Hit;
import io.memqa.text.AnswerNormalizer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MemoryBuilderTest {
  private static final Passage SUPER_BOWL = new Passage("dev-0-0", "Super Bowl 50",
      "The American Football Conference (AFC) champion Denver Broncos defeated the National Football "
          + "Conference (NFC) champion Carolina Panthers 24–10. The game was played on February 7, 2016, "
          + "at Levi's Stadium in Santa Clara, California.");

  private final MemoryBuilder builder = new MemoryBuilder(MemoryConfig.defaults());

  private static Set<String> values(Memory m) {
    return m.slots().stream().map(s -> AnswerNormalizer.normalize(m.valueText(s))).collect(Collectors.toSet());
  }

  @Test
  void candidatesIncludeTheEntitiesAndNumbersOfThePassage() {
    Memory m = builder.build("Who won Super Bowl 50?", SUPER_BOWL);
    assertThat(values(m)).contains("denver broncos", "carolina panthers", "february 7 2016",
        "levis stadium", "santa clara california", "2016", "24–10");
  }

  @Test
  void spansStayInsideOneSentenceAndAvoidFunctionWordEdges() {
    Memory m = builder.build("q", SUPER_BOWL);
    MemoryPassage p = m.passages().get(0);
    for (Slot s : m.slots()) {
      assertThat(p.sentenceIds()[s.first()]).isEqualTo(p.sentenceIds()[s.last()]);
      assertThat(s.length()).isBetween(1, MemoryConfig.defaults().maxSpanWords());
      assertThat(p.tokens().isPunctuation(s.first())).isFalse();
      assertThat(p.tokens().isPunctuation(s.last())).isFalse();
      String last = p.tokens().word(s.last());
      assertThat(last).isNotIn("the", "of", "and", "was");
    }
    assertThat(values(m)).doesNotContain("broncos defeated national football conference nfc champion carolina panthers 24–10 game");
  }

  @Test
  void keysAreTheWindowAroundTheSpan() {
    Memory m = builder.build("q", SUPER_BOWL);
    int r = MemoryConfig.defaults().windowRadius();
    int n = m.passages().get(0).tokens().size();
    for (Slot s : m.slots()) {
      assertThat(s.keyFirst()).isEqualTo(Math.max(0, s.first() - r));
      assertThat(s.keyLast()).isEqualTo(Math.min(n - 1, s.last() + r));
    }
    Slot denver = m.slots().stream().filter(s -> m.valueText(s).equals("Denver Broncos")).findFirst().orElseThrow();
    assertThat(m.keyText(denver)).isEqualTo("AFC) champion Denver Broncos defeated the National");
  }

  @Test
  void buildingIsDeterministicAndKeepsRetrievalRanks() {
    Passage other = new Passage("x-1-0", "Other", "Carolina is a state. Panthers live there.");
    List<Hit> hits = List.of(new Hit(SUPER_BOWL, 12.5f, 1), new Hit(other, 3f, 2));
    Memory a = builder.build("Who won?", hits);
    Memory b = builder.build("Who won?", hits);
    assertThat(a.slots()).isEqualTo(b.slots());
    assertThat(a.passages()).extracting(MemoryPassage::rank).containsExactly(1, 2);
    assertThat(a.slots().stream().map(Slot::passage).distinct()).containsExactly(0, 1);
  }

  @Test
  void emptyAndPunctuationOnlyPassagesGiveNoSlots() {
    assertThat(builder.build("q", new Passage("e", "", "")).slots()).isEmpty();
    assertThat(builder.build("q", new Passage("p", "", "... ,;: !!")).slots()).isEmpty();
  }

  @Test
  void configIsChecked() {
    assertThatThrownBy(() -> new MemoryConfig(0, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MemoryConfig(5, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}

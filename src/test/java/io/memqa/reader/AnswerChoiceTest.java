package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.memory.Slot;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class AnswerChoiceTest {
  private static Predictions.Pooled candidate(String text, double probability) {
    return new Predictions.Pooled(new Slot(0, 0, 0, 0, 0), 0, text, probability);
  }

  private static List<String> texts(List<Predictions.Pooled> candidates) {
    return candidates.stream().map(Predictions.Pooled::text).toList();
  }

  @Test
  void overlappingSpansThatShareTheMassBeatTheSingleMostProbableOne() {
    List<Predictions.Pooled> byProbability =
        List.of(candidate("1879", 0.4), candidate("7 January 1943", 0.3), candidate("January 1943", 0.3));
    // 1879: 0.5 * 0.4 + 0.5 * 0.4 = 0.4; each date: 0.5 * 0.3 + 0.5 * (0.3 + 0.3 * F1 0.8) = 0.42.
    double[] scores = AnswerChoice.scores(byProbability);
    assertThat(scores[0]).isCloseTo(0.4, Offset.offset(1e-9));
    assertThat(scores[1]).isCloseTo(0.42, Offset.offset(1e-9));
    assertThat(scores[2]).isCloseTo(0.42, Offset.offset(1e-9));
    // A tie keeps the network's order.
    assertThat(texts(AnswerChoice.order(byProbability))).containsExactly("7 January 1943", "January 1943", "1879");
  }

  @Test
  void withoutOverlapTheNetworksOrderStands() {
    List<Predictions.Pooled> byProbability =
        List.of(candidate("Denver Broncos", 0.5), candidate("Carolina Panthers", 0.3), candidate("1978", 0.2));
    assertThat(AnswerChoice.order(byProbability)).isEqualTo(byProbability);
  }

  @Test
  void onlyTheMostProbableCandidatesCompeteAndTheRestKeepTheirPlaces() {
    List<Predictions.Pooled> byProbability = new ArrayList<>();
    byProbability.add(candidate("Paris", 0.30));
    for (int i = 1; i < AnswerChoice.CANDIDATES; i++) {
      byProbability.add(candidate("Paris Ontario " + i, 0.12));
    }
    byProbability.add(candidate("Paris Ontario Canada", 0.05));
    byProbability.add(candidate("Ontario Canada", 0.04));
    List<Predictions.Pooled> chosen = AnswerChoice.order(byProbability);
    assertThat(chosen.get(0).text()).isEqualTo("Paris");
    assertThat(chosen.subList(AnswerChoice.CANDIDATES, chosen.size()))
        .isEqualTo(byProbability.subList(AnswerChoice.CANDIDATES, byProbability.size()));
    assertThat(AnswerChoice.order(List.of())).isEmpty();
  }
}

package io.memqa.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.memqa.testing.TestEncoders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextEncoderTest {
  private final PretrainedEncoder encoder = TestEncoders.small();
  private final ContextEncoder context = new ContextEncoder(encoder);

  @Test
  void aWordsStateIsTheMeanOfItsPiecesInContext() {
    List<String> words = List.of("The", "antidisestablishmentarianism", "debate", ".");
    float[][] states = context.states(words, null);
    assertThat(states).hasNumberOfRows(4);
    assertThat(states[0]).hasSize(encoder.dimension());
    // The same run by hand: [CLS] the anti ##dis ... ##ism debate . [SEP]
    int[] ids = encoder.wordPieceIds("The antidisestablishmentarianism debate.", true);
    float[][] raw = encoder.hiddenStates(List.of(ids))[0];
    int pieces = ids.length - 5; // [CLS], the, debate, ., [SEP]
    assertThat(pieces).isEqualTo(8);
    for (int d = 0; d < 5; d++) {
      float mean = 0;
      for (int j = 2; j < 2 + pieces; j++) {
        mean += raw[j][d] / pieces;
      }
      assertThat(states[1][d]).isCloseTo(mean, within(1e-4f));
      assertThat(states[0][d]).isCloseTo(raw[1][d], within(1e-4f));
    }
  }

  @Test
  void theSameWordDiffersByItsContext() {
    float[] river = context.states(List.of("the", "bank", "of", "the", "river"), null)[1];
    float[] money = context.states(List.of("the", "bank", "lent", "money"), null)[1];
    assertThat(cosine(river, money)).isLessThan(0.99f);
  }

  @Test
  void longTextsAreReadInChunksOfWholeSentences() {
    ContextEncoder small = new ContextEncoder(encoder, 20);
    int[][] pieces = new int[30][];
    int[] sentences = new int[30];
    for (int w = 0; w < 30; w++) {
      pieces[w] = new int[] {1000};
      sentences[w] = w / 8; // sentences of 8 words
    }
    List<int[]> chunks = small.chunks(pieces, sentences);
    // 20 pieces hold two sentences (16 words); the third sentence starts the next chunk.
    assertThat(chunks).extracting(c -> c[0] + "-" + c[1]).containsExactly("0-16", "16-30");
    // One sentence longer than a chunk is cut inside.
    int[] one = new int[30];
    assertThat(small.chunks(pieces, one)).extracting(c -> c[0] + "-" + c[1]).containsExactly("0-20", "20-30");
  }

  @Test
  void everyWordOfAnOverlongTextGetsAState() {
    List<String> words = new ArrayList<>(Collections.nCopies(600, "word"));
    float[][] states = context.states(words, null);
    assertThat(states).hasNumberOfRows(600);
    for (float[] row : states) {
      assertThat(row).hasSize(encoder.dimension());
    }
    assertThat(context.states(List.of(), null)).isEmpty();
    // A hostile word is kept to a few pieces; a control character has none and gets zeros.
    float[][] odd = context.states(List.of("x".repeat(5000), "\u0007"), null);
    assertThat(odd[1]).containsOnly(0f);
  }

  @Test
  void refusesSentenceIdsOfAnotherLength() {
    assertThatThrownBy(() -> context.states(List.of("a", "b"), new int[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 words but 1 sentence ids");
  }

  private static float cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return (float) (dot / Math.sqrt(na * nb));
  }

  @Test
  void aQuestionEncodedTwiceRunsOnceEvenByAnotherInstance() throws Exception {
    // The reader's word states first, as the retriever's own encoder would see the question next.
    float[][] words = context.states(List.of("who", "founded", "the", "yuan", "dynasty", "?"), null);
    int[] ids = encoder.wordPieceIds("who founded the yuan dynasty?", true);
    try (PretrainedEncoder other = PretrainedEncoder.open(KnownEncoder.MINILM_L6_V2_Q, 1)) {
      float[][] shared = other.hiddenStates(List.of(ids))[0];
      assertThat(encoder.hiddenStates(List.of(ids.clone()))[0]).isSameAs(shared);
      assertThat(words[1]).containsExactly(shared[2]);
    }
  }
}

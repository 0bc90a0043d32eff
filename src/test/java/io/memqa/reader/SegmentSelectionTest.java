package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.memqa.eval.QaFixture;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import io.memqa.memory.Slot;
import io.memqa.qa.QaPipeline;
import io.memqa.retrieve.Hit;
import io.memqa.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The first stage keeps the most promising segments with exactly their slots, and the reader reads as calibrated. */
class SegmentSelectionTest {
  private final SyntheticQa.Data data = SyntheticQa.generate(8, 3);
  private final ReaderConfig config = TinyModels.config();
  @TempDir Path dir;

  /**
   * A featurizer with unit vectors for every word of the fixture (a few shared, so that soft
   * matches are not all 0 or 1), cutting passages into segments of 12 tokens.
   */
  private Featurizer featurizer() {
    return featurizer(12);
  }

  private Featurizer featurizer(int segmentTokens) {
    return new Featurizer(config.buckets(), segmentTokens, SyntheticQa.vectors(data, 8, 7));
  }

  /** The memory of question {@code question} over {@code passages}, ranked in that order. */
  private Memory memory(int question, int... passages) {
    return new MemoryBuilder(config.memory()).build(data.questions().get(question).text(), hits(passages));
  }

  private List<Hit> hits(int... passages) {
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < passages.length; i++) {
      hits.add(new Hit(data.passages().get(passages[i]), 3f - i, i + 1));
    }
    return hits;
  }

  /** Each segment's best sentence match plus {@code rankWeight} / rank over its slots, written out independently. */
  private static double[] promise(Example e, double rankWeight) {
    double[] best = new double[e.passages().length];
    java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
    for (int s = 0; s < e.slots(); s++) {
      double p = e.slotFeatures(s).get(Feature.SENTENCE_MATCH) + rankWeight * e.slotFeatures(s).get(Feature.INVERSE_RANK);
      best[e.slotPassage()[s]] = Math.max(best[e.slotPassage()[s]], p);
    }
    return best;
  }

  /** The ids of the {@code limit} most promising segments with slots, in memory order. */
  private static List<String> expectedKept(Example all, int limit) {
    return expectedKept(all, limit, 0.2);
  }

  private static List<String> expectedKept(Example all, int limit, double rankWeight) {
    double[] promise = promise(all, rankWeight);
    List<Integer> ranked = IntStream.range(0, all.passages().length).boxed()
        .filter(g -> promise[g] != Double.NEGATIVE_INFINITY)
        .sorted(Comparator.comparingDouble((Integer g) -> -promise[g]).thenComparingInt(g -> g)).toList();
    Set<Integer> top = new HashSet<>(ranked.subList(0, Math.min(limit, ranked.size())));
    return IntStream.range(0, all.passages().length).filter(top::contains).mapToObj(g -> all.passages()[g].id()).toList();
  }

  /**
   * Encoding only the kept segments gives the network what encoding every segment and leaving the
   * others out would: the same segments with the same token and match features, and exactly
   * their slots with the same slot features.
   */
  @ParameterizedTest
  @ValueSource(ints = {12, 5}) // at 5 tokens most sentences are cut hard, and a kept half's soft match reads the other
  void theKeptSegmentsAreEncodedAsWhenEverySegmentIs(int segmentTokens) {
    Featurizer featurizer = featurizer(segmentTokens);
    int dropped = 0;
    boolean softMatched = false;
    for (int q = 0; q < 8; q++) {
      Memory memory = memory(q, (q + 5) % 8, q, (q + 3) % 8, (q + 6) % 8);
      Example all = featurizer.encode(memory);
      for (int limit = 1; limit <= 4; limit++) {
        Example kept = featurizer.encode(memory, new SegmentSelection(limit));
        List<String> expected = expectedKept(all, limit);
        assertThat(kept.passages()).extracting(Example.EncodedPassage::id).containsExactlyElementsOf(expected);
        dropped += all.passages().length - kept.passages().length;
        assertThat(kept.questionWords()).isEqualTo(all.questionWords());
        assertThat(kept.questionVectors()).isEqualTo(all.questionVectors());
        for (Example.EncodedPassage k : kept.passages()) {
          Example.EncodedPassage a = java.util.Arrays.stream(all.passages()).filter(p -> p.id().equals(k.id()))
              .findFirst().orElseThrow();
          assertThat(new int[] {k.from(), k.to()}).containsExactly(a.from(), a.to());
          for (int t = 0; t < k.length(); t++) {
            for (Feature f : Feature.values()) {
              if (f.group() != Feature.Group.SLOT) {
                assertThat(k.feature(t, f)).as(k.id() + " token " + t + " " + f).isEqualTo(a.feature(t, f));
              }
            }
            softMatched |= k.feature(t, Feature.SOFT_MATCH) > 0 && k.feature(t, Feature.SOFT_MATCH) < 1;
          }
        }
        List<Integer> slotsOfKept = IntStream.range(0, all.slots())
            .filter(s -> expected.contains(all.passages()[all.slotPassage()[s]].id())).boxed().toList();
        assertThat(kept.slots()).isEqualTo(slotsOfKept.size());
        for (int k = 0; k < kept.slots(); k++) {
          int s = slotsOfKept.get(k);
          assertThat(kept.slotIndex()[k]).isEqualTo(all.slotIndex()[s]);
          assertThat(kept.passages()[kept.slotPassage()[k]].id()).isEqualTo(all.passages()[all.slotPassage()[s]].id());
          assertThat(new int[] {kept.slotStart()[k], kept.slotEnd()[k], kept.slotKeyFirst()[k], kept.slotKeyLast()[k]})
              .containsExactly(all.slotStart()[s], all.slotEnd()[s], all.slotKeyFirst()[s], all.slotKeyLast()[s]);
          assertThat(kept.slotFeatures(k)).isEqualTo(all.slotFeatures(s));
        }
      }
    }
    assertThat(dropped).as("the fixture must cut into more segments than are kept").isPositive();
    assertThat(softMatched).as("soft matches in the fixture").isTrue();
  }

  /** A better retrieval rank outweighs one more question word in a long question's best sentence. */
  @Test
  void theRetrievalRankTipsSegmentsThatMatchAlike() {
    List<Hit> hits = List.of(
        new Hit(new io.memqa.corpus.Passage("a", "A", "The captain sailed the steamer Aurora from Hamburg in spring. "
            + "It carried wool."), 2f, 1),
        new Hit(new io.memqa.corpus.Passage("b", "B", "A ship captain sailed the steamer Aurora from Hamburg. "
            + "Nobody knows more."), 1f, 2));
    Memory memory = new MemoryBuilder(config.memory()).build("Which ship captain sailed the copper steamer Aurora from "
        + "Hamburg harbour toward Boston during winter storms?", hits);
    Featurizer featurizer = new Featurizer(config.buckets(), 64);
    Example all = featurizer.encode(memory);
    double[] bySentence = promise(all, 0);
    assertThat(all.passages()).extracting(Example.EncodedPassage::id).containsExactly("a#0", "b#0");
    assertThat(bySentence[1]).as("the second passage's best sentence holds one more question word")
        .isGreaterThan(bySentence[0]).isLessThan(bySentence[0] + 0.1);

    assertThat(featurizer.encode(memory, new SegmentSelection(1)).passages()).extracting(Example.EncodedPassage::id)
        .containsExactly("a#0");
  }

  @Test
  void aLimitAboveTheSegmentsReadsThemAll() {
    Featurizer featurizer = featurizer();
    Memory memory = memory(0, 1, 2, 3);
    Example all = featurizer.encode(memory);
    Example kept = featurizer.encode(memory, new SegmentSelection(all.passages().length));
    assertThat(kept.passages()).extracting(Example.EncodedPassage::id)
        .containsExactlyElementsOf(java.util.Arrays.stream(all.passages()).map(Example.EncodedPassage::id).toList());
    assertThat(kept.slotIndex()).isEqualTo(all.slotIndex());
    assertThat(kept.slotFeatures()).isEqualTo(all.slotFeatures());
  }

  @Test
  void aSegmentWithoutSlotsIsDroppedEvenUnderTheLimit() {
    Featurizer featurizer = featurizer();
    Memory memory = memory(0, 1, 2);
    Example all = featurizer.encode(memory);
    int n = all.passages().length;
    // Leave out the slots of the first segment: it can hold no answer, so no limit keeps it.
    Set<Integer> firstSegment = new HashSet<>();
    for (int s = 0; s < all.slots(); s++) {
      if (all.slotPassage()[s] == 0) {
        firstSegment.add(all.slotIndex()[s]);
      }
    }
    List<Slot> rest = IntStream.range(0, memory.slots().size()).filter(i -> !firstSegment.contains(i))
        .mapToObj(memory.slots()::get).toList();
    Memory noSlotsInFirst = new Memory(memory.question(), memory.questionTokens(), memory.passages(), rest);

    Example kept = featurizer.encode(noSlotsInFirst, new SegmentSelection(n + 5));

    assertThat(kept.passages()).hasSize(n - 1).extracting(Example.EncodedPassage::id)
        .doesNotContain(all.passages()[0].id());
    assertThat(kept.slots()).isEqualTo(all.slots() - firstSegment.size());
    assertThat(featurizer.encode(noSlotsInFirst).passages()).as("reading all keeps it").hasSize(n);
  }

  @Test
  void tiesKeepTheEarlierSegmentAndASegmentWithoutSlotsIsNeverKept() {
    float[] promise = {0.5f, 0.7f, 0.5f, Float.NEGATIVE_INFINITY, 0.5f};
    assertThat(SegmentSelection.kept(promise, 2)).containsExactly(true, true, false, false, false);
    assertThat(SegmentSelection.kept(promise, 3)).containsExactly(true, true, true, false, false);
    assertThat(SegmentSelection.kept(promise, 5)).containsExactly(true, true, true, false, true);
    assertThat(new SegmentSelection(2).keep(promise)).containsExactly(true, true, false, false, false);
    assertThat(SegmentSelection.ALL.keep(promise)).as("reading all keeps even a segment without slots")
        .containsExactly(true, true, true, true, true);
  }

  @Test
  void theLimitMustBeInRange() {
    assertThatThrownBy(() -> new SegmentSelection(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 (all)");
    assertThatThrownBy(() -> new SegmentSelection(SegmentSelection.MAX_SEGMENTS + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SegmentSelection.ALL.readsAll()).isTrue();
    assertThat(SegmentSelection.DEFAULT.readsAll()).isFalse();
  }

  @Test
  void theReaderAnswersOnlyFromTheSegmentsItsCalibrationWasFittedWith() throws IOException {
    Path model = QaFixture.get().copyModel(dir.resolve("one-segment"));
    Calibration fitted = ModelFiles.readCalibration(model);
    Calibrator.save(model, fitted.readWith(new SegmentSelection(1)));
    try (Reader all = Reader.load(QaFixture.get().model()); Reader one = Reader.load(model)) {
      int checked = 0;
      for (int q = 0; q < 6; q++) {
        Memory memory = one.memoryBuilder().build(data.questions().get(q).text(), hits(q % 8, (q + 3) % 8, (q + 5) % 8));
        Example e = one.featurizer().encode(memory);
        Example kept = one.featurizer().encode(memory, new SegmentSelection(1));
        Set<Slot> allowed = new HashSet<>();
        for (int i : kept.slotIndex()) {
          allowed.add(memory.slots().get(i));
        }
        Reading reading = one.read(memory, 5, 0);
        assertThat(reading.answers()).isNotEmpty();
        assertThat(reading.answers()).allSatisfy(c -> assertThat(allowed).contains(c.slot()));
        if (e.passages().length > 1) {
          checked++;
          assertThat(all.read(memory, 50, 0).answers()).anySatisfy(c -> assertThat(allowed).doesNotContain(c.slot()));
        }
      }
      assertThat(checked).as("memories of several segments").isPositive();
    }
  }

  @Test
  void heldOutAnswersAreReadWithTheSelectionTheCalibrationRecords() throws Exception {
    QaFixture fx = QaFixture.get();
    try (QaPipeline qa = fx.open(); NDManager root = NDManager.newBaseManager()) {
      Reader reader = qa.reader();
      TrainingSet set = TinyModels.training(SyntheticQa.generate(QaFixture.PARAGRAPHS, 2), qa.retriever(),
          TinyModels.options(1, 1f));
      List<TrainingSet.Item> items = new ArrayList<>(set.heldOut());
      set.train().forEach(items::addAll);
      Validation.Result all = new Validation(reader.net(), reader.featurizer(), reader.memoryBuilder(),
          SegmentSelection.ALL).run(items, root);
      Validation.Result one = new Validation(reader.net(), reader.featurizer(), reader.memoryBuilder(),
          new SegmentSelection(1)).run(items, root);

      assertThat(one.calibration().segments()).isEqualTo(1);
      assertThat(all.calibration().segments()).isZero();
      // Retrieved memories read from one segment give their best answer another probability.
      int differ = 0;
      for (int i = 0; i < all.questions().size(); i++) {
        Validation.Question a = all.questions().get(i);
        Validation.Question b = one.questions().get(i);
        if (a.kind() == Validation.Kind.OPEN && a.signals().length > 0 && b.signals().length > 0
            && a.signals()[0][Calibration.Signal.ANSWER_LOGIT.ordinal()]
                != b.signals()[0][Calibration.Signal.ANSWER_LOGIT.ordinal()]) {
          differ++;
        }
      }
      assertThat(differ).isPositive();
    }
  }

  @Test
  void aCalibrationFromBeforeTheFirstStageReadsEverySegment() throws IOException {
    Path model = QaFixture.get().copyModel(dir.resolve("older"));
    TinyModels.removeCalibrationField(model, "segments");
    Calibration c = ModelFiles.readCalibration(model);
    assertThat(c.segments()).isZero();
    assertThat(c.selection().readsAll()).isTrue();
    assertThat(ModelFiles.readCalibration(QaFixture.get().model()).segments())
        .as("train records the default").isEqualTo(SegmentSelection.DEFAULT_SEGMENTS);
  }
}

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

/** The first stage keeps the most promising segments with exactly their slots, and the reader reads as calibrated. */
class SegmentSelectionTest {
  private final SyntheticQa.Data data = SyntheticQa.generate(8, 3);
  private final ReaderConfig config = TinyModels.config();
  @TempDir Path dir;

  /** Question {@code question} over {@code passages} (ranked in that order), cut into segments of 12 tokens. */
  private Example example(int question, int... passages) {
    Memory memory = new MemoryBuilder(config.memory()).build(data.questions().get(question).text(), hits(passages));
    return new Featurizer(config.buckets(), 12).encode(memory);
  }

  private List<Hit> hits(int... passages) {
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < passages.length; i++) {
      hits.add(new Hit(data.passages().get(passages[i]), 3f - i, i + 1));
    }
    return hits;
  }

  /** Each segment's best sentence match plus 0.2 / rank over its slots, written out independently. */
  private static double[] promise(Example e) {
    double[] best = new double[e.passages().length];
    java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
    for (int s = 0; s < e.slots(); s++) {
      double p = e.slotFeatures(s).get(Feature.SENTENCE_MATCH) + 0.2 * e.slotFeatures(s).get(Feature.INVERSE_RANK);
      best[e.slotPassage()[s]] = Math.max(best[e.slotPassage()[s]], p);
    }
    return best;
  }

  @Test
  void readingAllSegmentsLeavesTheExampleAsItIs() {
    Example e = example(0, 1, 2, 3);
    assertThat(SegmentSelection.ALL.apply(e)).isSameAs(e);
    assertThat(new SegmentSelection(e.passages().length).apply(e)).isSameAs(e);
  }

  @Test
  void theMostPromisingSegmentsAreKeptWithExactlyTheirSlots() {
    Example e = example(0, 5, 0, 3, 6);
    int n = e.passages().length;
    assertThat(n).as("the fixture must cut into several segments").isGreaterThan(4);
    double[] promise = promise(e);
    List<Integer> ranked = IntStream.range(0, n).boxed()
        .sorted(Comparator.comparingDouble((Integer g) -> -promise[g]).thenComparingInt(g -> g)).toList();
    Set<String> expected = new HashSet<>();
    for (int g : ranked.subList(0, 3)) {
      expected.add(e.passages()[g].id());
    }

    Example kept = new SegmentSelection(3).apply(e);

    assertThat(kept.passages()).extracting(Example.EncodedPassage::id).containsExactlyInAnyOrderElementsOf(expected);
    // Kept segments stay in memory order, so the packed rows read them as before.
    List<String> order = new ArrayList<>();
    for (Example.EncodedPassage p : e.passages()) {
      if (expected.contains(p.id())) {
        order.add(p.id());
      }
    }
    assertThat(kept.passages()).extracting(Example.EncodedPassage::id).containsExactlyElementsOf(order);
    List<Integer> slotsOfKept = new ArrayList<>();
    for (int s = 0; s < e.slots(); s++) {
      if (expected.contains(e.passages()[e.slotPassage()[s]].id())) {
        slotsOfKept.add(s);
      }
    }
    assertThat(kept.slots()).isEqualTo(slotsOfKept.size());
    for (int k = 0; k < kept.slots(); k++) {
      int s = slotsOfKept.get(k);
      assertThat(kept.slotIndex()[k]).isEqualTo(e.slotIndex()[s]);
      assertThat(kept.passages()[kept.slotPassage()[k]].id()).isEqualTo(e.passages()[e.slotPassage()[s]].id());
      assertThat(new int[] {kept.slotStart()[k], kept.slotEnd()[k], kept.slotKeyFirst()[k], kept.slotKeyLast()[k]})
          .containsExactly(e.slotStart()[s], e.slotEnd()[s], e.slotKeyFirst()[s], e.slotKeyLast()[s]);
      assertThat(kept.slotFeatures(k)).isEqualTo(e.slotFeatures(s));
    }
  }

  @Test
  void aSegmentWithoutSlotsIsDroppedEvenUnderTheLimit() {
    Example e = example(0, 1, 2);
    int n = e.passages().length;
    // Drop the slots of the first segment: it can hold no answer, so no limit keeps it.
    int[] keep = IntStream.range(0, e.slots()).filter(s -> e.slotPassage()[s] != 0).toArray();
    Example noSlotsInFirst = new Example(e.questionWords(), e.questionBigrams(), e.questionVectors(), e.questionType(),
        e.passages(), pick(e.slotIndex(), keep), pick(e.slotPassage(), keep), pick(e.slotStart(), keep),
        pick(e.slotEnd(), keep), pick(e.slotKeyFirst(), keep), pick(e.slotKeyLast(), keep),
        pickRows(e.slotFeatures(), keep, Feature.Group.SLOT.width()), null);

    Example kept = new SegmentSelection(n + 5).apply(noSlotsInFirst);

    assertThat(kept.passages()).hasSize(n - 1).extracting(Example.EncodedPassage::id)
        .doesNotContain(e.passages()[0].id());
    assertThat(kept.slots()).isEqualTo(keep.length);
  }

  @Test
  void tiesKeepTheEarlierSegmentAndASegmentWithoutSlotsIsNeverKept() {
    float[] promise = {0.5f, 0.7f, 0.5f, Float.NEGATIVE_INFINITY, 0.5f};
    assertThat(SegmentSelection.kept(promise, 2)).containsExactly(true, true, false, false, false);
    assertThat(SegmentSelection.kept(promise, 3)).containsExactly(true, true, true, false, false);
    assertThat(SegmentSelection.kept(promise, 5)).containsExactly(true, true, true, false, true);
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
        Example kept = new SegmentSelection(1).apply(e);
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

  private static int[] pick(int[] a, int[] at) {
    return IntStream.of(at).map(i -> a[i]).toArray();
  }

  private static float[] pickRows(float[] a, int[] at, int width) {
    float[] out = new float[at.length * width];
    for (int k = 0; k < at.length; k++) {
      System.arraycopy(a, at[k] * width, out, k * width, width);
    }
    return out;
  }
}

package io.memqa.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.corpus.CorpusFormat;
import io.memqa.corpus.PassageReader;
import io.memqa.testing.Fixtures;
import io.memqa.util.Checksums;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path data;

  private Datasets datasets() {
    return new Datasets(Manifest.bundled(), data);
  }

  /** Puts the mini SQuAD fixture where both SQuAD files belong. */
  private void fakeSquad() throws IOException {
    for (String f : List.of("squad/train-v1.1.json", "squad/dev-v1.1.json")) {
      Files.createDirectories(data.resolve("squad"));
      Files.copy(Fixtures.resource(Fixtures.SQUAD_DEV), data.resolve(f));
    }
  }

  @Test
  void missingFilesSayHowToFetchThem() {
    String hint = "run ./memqa data fetch squad";
    assertThatThrownBy(() -> datasets().corpusFiles("squad")).isInstanceOf(IOException.class).hasMessageContaining(hint);
    assertThatThrownBy(() -> datasets().openCorpus("squad", false)).isInstanceOf(IOException.class).hasMessageContaining(hint);
    assertThatThrownBy(() -> datasets().questionFile("squad-dev"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("dataset 'squad' is not fetched")
        .hasMessageContaining(hint);
  }

  @Test
  void aQuestionFileIsANameOrAPath() throws IOException {
    Path fixture = Fixtures.resource(Fixtures.SQUAD_DEV);
    assertThat(datasets().questionFile(fixture.toString())).isEqualTo(fixture);
    assertThatThrownBy(() -> datasets().questionFile(data.resolve("nope.json").toString()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("neither a known question set (")
        .hasMessageContaining("squad-dev");
    assertThatThrownBy(() -> datasets().openQuestions(fixture.toString(), "csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown question format 'csv'");
  }

  @Test
  void theSquadCorpusReadsTrainThenDev() throws IOException {
    fakeSquad();
    assertThat(datasets().corpusFormat("squad")).isEqualTo(CorpusFormat.SQUAD);
    List<String> ids = new ArrayList<>();
    try (PassageReader r = datasets().openCorpus("squad", false)) {
      r.forEach(p -> ids.add(p.id()));
    }
    assertThat(ids).containsExactly("train-0-0", "train-0-1", "train-1-0", "train-1-1", "dev-0-0", "dev-0-1", "dev-1-0", "dev-1-1");
    try (QuestionReader q = datasets().openQuestions("squad-dev", null)) {
      assertThat(q.next().passageId()).isEqualTo("dev-0-0");
    }
  }

  @Test
  void aBundledQuestionSetNeedsNoFetch() throws IOException {
    // the data directory is empty: the set comes from the classpath
    try (QuestionReader q = datasets().openQuestions("everyday", null)) {
      Question first = q.next();
      assertThat(first.id()).isEqualTo("everyday-001");
      assertThat(first.source()).isEqualTo("memqa:questions/everyday.jsonl:1");
    }
    assertThatThrownBy(() -> datasets().questionFile("everyday"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bundled with memqa");
  }

  @Test
  void theCombinedChecksumDependsOnEveryFileAndTheirOrder() throws IOException {
    Path a = Fixtures.write(data.resolve("a"), "a");
    Path b = Fixtures.write(data.resolve("b"), "b");
    assertThat(Datasets.combinedChecksum(List.of(a))).isEqualTo(Checksums.sha256(a));
    String ab = Datasets.combinedChecksum(List.of(a, b));
    assertThat(ab).hasSize(64).isNotEqualTo(Datasets.combinedChecksum(List.of(b, a)));
    Fixtures.write(b, "B");
    assertThat(Datasets.combinedChecksum(List.of(a, b))).isNotEqualTo(ab);
  }
}

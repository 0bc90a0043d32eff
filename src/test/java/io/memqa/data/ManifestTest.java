package io.memqa.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.corpus.CorpusFormat;
import io.memqa.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
  private final Manifest bundled = Manifest.bundled();

  @Test
  void theBundledManifestDescribesSquad() {
    Manifest.Dataset squad = bundled.dataset("squad");
    assertThat(squad.files()).extracting(Manifest.FileEntry::path)
        .containsExactly("squad/train-v1.1.json", "squad/dev-v1.1.json");
    Manifest.FileEntry train = squad.files().get(0);
    assertThat(train.accepted()).hasSize(2);
    assertThat(train.accepted().get(0).note()).isEqualTo("official release");
    assertThat(bundled.corpus("squad").paths()).containsExactly("squad/train-v1.1.json", "squad/dev-v1.1.json");
  }

  @Test
  void everyBundledEntryIsWellFormed() {
    for (Map.Entry<String, Manifest.Dataset> d : bundled.datasets().entrySet()) {
      for (Manifest.FileEntry f : d.getValue().files()) {
        assertThat(Path.of(f.path()).normalize().toString()).as(f.path()).isEqualTo(f.path()).doesNotStartWith("/").doesNotStartWith("..");
        assertThat(f.accepted()).allSatisfy(a -> assertThat(a.sha256()).as(f.path()).matches("[0-9a-f]{64}"));
        assertThat(f.url() != null || (f.member() != null && d.getValue().archive() != null)).as(f.path()).isTrue();
      }
    }
    bundled.corpora().forEach((name, c) -> {
      assertThat(pathsOf(c.dataset())).as(name).containsAll(c.paths());
      assertThat(CorpusFormat.parse(c.format())).isNotNull();
    });
    bundled.questionSets().forEach((name, q) -> {
      if (q.bundled()) {
        assertThat(Manifest.class.getResource("/" + q.resource())).as(name).isNotNull();
        assertThat(q.dataset()).as(name).isNull();
      } else {
        assertThat(pathsOf(q.dataset())).as(name).contains(q.path());
      }
      assertThat(QuestionFormat.parse(q.format())).as(name).isNotNull();
    });
  }

  private Set<String> pathsOf(String dataset) {
    return bundled.dataset(dataset).files().stream().map(Manifest.FileEntry::path).collect(Collectors.toSet());
  }

  @Test
  void unknownNamesListTheKnownOnes() {
    assertThatThrownBy(() -> bundled.dataset("nope")).hasMessageContaining("unknown dataset 'nope' (known: ").hasMessageContaining("squad");
    assertThatThrownBy(() -> bundled.corpus("nope")).hasMessageContaining("unknown corpus 'nope' (known: squad)");
    assertThatThrownBy(() -> bundled.questionSet("nope")).hasMessageContaining("squad-dev");
  }

  @Test
  void readsAFileIgnoringUnknownFields(@TempDir Path dir) throws IOException {
    Path f = Fixtures.write(dir.resolve("m.json"), """
        {"datasets": {"x": {"files": [{"path": "x/a", "url": "http://127.0.0.1/a", "size": 3, "sha256": "ab", "mirrors": []}]}},
         "comment": "unknown fields are fine"}
        """);
    Manifest m = Manifest.read(f);
    assertThat(m.dataset("x").files().get(0).alternates()).isEmpty();
    assertThat(m.corpora()).isEmpty();
    assertThat(m.questionSets()).isEmpty();
  }
}

package io.memqa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands doing their work on the fixtures. */
class CliCommandsTest {
  @TempDir Path dir;

  @Test
  void indexThenSearch() {
    String index = dir.resolve("idx").toString();
    Cli built = Cli.run("index", "--corpus", Fixtures.resource(Fixtures.PASSAGES).toString(), "--out", index, "--threads", "1");
    assertThat(built.exit()).as(built.err()).isZero();
    assertThat(built.out()).contains("indexed 10 passages").contains("1 threads").endsWith(index + System.lineSeparator());

    Cli found = Cli.run("search", "When was the Eiffel Tower completed near the desert?", "--index", index, "-k", "2");
    assertThat(found.exit()).as(found.err()).isZero();
    assertThat(found.out().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).matches(" 1\\. +[0-9.]+ +\\[p2\\] Eiffel Tower"));
    assertThat(found.out().lines().filter(l -> l.matches(" ?\\d+\\. .*"))).hasSize(2);

    Cli nothing = Cli.run("search", "is it the?", "--index", index);
    assertThat(nothing.exit()).isZero();
    assertThat(nothing.out()).contains("no passages match");
  }

  @Test
  void evalRetrievalWritesItsFiles() {
    String index = dir.resolve("squad").toString();
    String squad = Fixtures.resource(Fixtures.SQUAD_DEV).toString();
    assertThat(Cli.run("index", "--corpus", squad, "--out", index).exit()).isZero();
    Path out = dir.resolve("run");
    Cli r = Cli.run("eval", "retrieval", "--index", index, "--dataset", squad, "--out", out.toString(), "--k", "1,5", "--threads", "1");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("questions: 7").containsPattern("5 +85\\.71 +85\\.71");
    assertThat(Files.exists(out.resolve("summary.json"))).isTrue();
    assertThat(Files.exists(out.resolve("questions.jsonl"))).isTrue();
  }

  @Test
  void dataListShowsWhatIsPresent() {
    Cli r = Cli.run("data", "list", "--data-dir", dir.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).containsPattern("squad +0/2 files present").contains("question sets: ").contains("squad-dev");
  }

  @Test
  void trainingWithoutHeldOutQuestionsSaysSoInsteadOfFigures() {
    io.memqa.eval.QaFixture qa = io.memqa.eval.QaFixture.get();
    String out = dir.resolve("model").toString();
    // 16 one-paragraph articles, each held out with chance 0.001: none is (the split is a fixed hash).
    Cli r = Cli.run("train", "--dataset", qa.questions().toString(), "--index", qa.index().toString(), "--out", out,
        "--held-out", "0.001", "--vectors", "none", "--threads", "1", "--epochs", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("), 0 held out;").contains("none of these questions is held out")
        .contains("the answer scores will not be calibrated").contains("kept the last epoch, 2 (no held-out questions to choose by)")
        .doesNotContain("held-out closed EM").doesNotContain("-1.00");
    assertThat(Path.of(out, "manifest.json")).exists();
  }
}

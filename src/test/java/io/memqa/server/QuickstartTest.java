package io.memqa.server;

import io.memqa.testing.TinyQa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memqa.cli.Main;
import io.memqa.index.IndexStats;
import io.memqa.reader.ModelFiles;
import io.memqa.retrieve.RetrieverSource;
import io.memqa.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quickstart's step checks, its run on the real SQuAD mirror, and what serving prints. */
class QuickstartTest {
  @TempDir Path dir;

  @Test
  void anIndexIsCurrentOnlyForTheFilesItWasBuiltFrom() throws IOException {
    Path corpus = Fixtures.resource(Fixtures.PASSAGES);
    Path index = dir.resolve("index");
    assertThat(Quickstart.staleIndex(index, List.of(corpus), false)).hasValueSatisfying(m -> assertThat(m).contains("no usable index"));
    assertThat(Main.run("index", "--corpus", corpus.toString(), "--out", index.toString(), "--threads", "1")).isZero();
    assertThat(Quickstart.staleIndex(index, List.of(corpus), false)).isEmpty();
    // Quickstart wants passage vectors by default: a BM25-only index is rebuilt then.
    assertThat(Quickstart.staleIndex(index, List.of(corpus), true)).hasValueSatisfying(m -> assertThat(m).contains("no passage vectors"));
    Path edited = Fixtures.write(dir.resolve("edited.jsonl"), Files.readString(corpus) + "{\"id\": \"new\", \"text\": \"more\"}\n");
    assertThat(Quickstart.staleIndex(index, List.of(edited), false)).hasValueSatisfying(m -> assertThat(m).contains("built from other files"));
  }

  @Test
  void aModelIsUsableOnlyWhenItLoads() throws IOException {
    Path good = TinyQa.get().model();
    assertThat(Quickstart.unusableModel(good)).isEmpty();
    assertThat(Quickstart.unusableModel(dir.resolve("none"))).hasValueSatisfying(m -> assertThat(m).contains("no complete model"));
    Path broken = TinyQa.copyModel(dir.resolve("broken"));
    byte[] w = Files.readAllBytes(broken.resolve(ModelFiles.WEIGHTS));
    Files.write(broken.resolve(ModelFiles.WEIGHTS), java.util.Arrays.copyOf(w, w.length / 3));
    assertThat(Quickstart.unusableModel(broken)).hasValueSatisfying(m -> assertThat(m).contains("has a damaged weights.params"));
  }

  @Test
  void quickstartFetchesAndIndexesOnceThenSkipsEveryStep() throws IOException {
    Path mirror = Path.of(System.getProperty("memqa.datasets", "../shared/datasets"));
    assumeTrue(Files.isDirectory(mirror.resolve("squad")), "skipped: dataset mirror " + mirror + " not found");
    Path home = dir.resolve("home");
    TinyQa.copyModel(home.resolve("models/squad"));
    // Calibrated by an older memqa: quickstart refits the calibration instead of retraining.
    io.memqa.testing.TinyModels.makeCalibrationStale(home.resolve("models/squad"));
    // Without passage vectors: encoding 20,963 passages would take minutes (dense builds are tested on small corpora).
    String[] args = {"quickstart", "--from", mirror.toString(), "--prepare-only", "--no-dense"};

    Run first = inHome(home, args);
    assertThat(first.exit()).as(first.out()).isZero();
    assertThat(first.out()).contains("copied").contains("no usable index").contains("indexed 20,963 passages")
        .contains("was calibrated by an older memqa").contains("held-out memories").contains("training skipped")
        .contains("ready to serve");
    String built = Files.readString(home.resolve("index/squad").resolve(IndexStats.FILE_NAME));

    Run second = inHome(home, args);
    assertThat(second.exit()).as(second.out()).isZero();
    assertThat(second.out()).contains("already verified").contains("was built from these files; skipped")
        .contains("training skipped").doesNotContain("indexed ").doesNotContain("older memqa");
    assertThat(Files.readString(home.resolve("index/squad").resolve(IndexStats.FILE_NAME))).isEqualTo(built);
  }

  @Test
  void servingPrintsTheAddressAndAnExampleThatWorks() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<String> writes = new java.util.ArrayList<>();
    java.io.OutputStream recorded = new java.io.OutputStream() { // each write, as the terminal gets it
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        printed.write(b, off, len);
        writes.add(new String(b, off, len, StandardCharsets.UTF_8));
      }
    };
    TinyQa.Fixture tiny = TinyQa.get();
    try (QaServer server = Service.start(ServerOptions.defaults().withPort(0), RetrieverSource.lucene(tiny.index()), tiny.model(),
        new PrintStream(recorded, true, StandardCharsets.UTF_8))) {
      String out = printed.toString(StandardCharsets.UTF_8);
      assertThat(out).contains("listening on " + server.url()).contains("Open " + server.url() + "/")
          .contains(Service.exampleCurl(server.url()));
      // Log lines from other threads go to the same terminal: the address must not be cut by one.
      assertThat(writes).anySatisfy(w -> assertThat(w).contains("memqa: listening on " + server.url() + "; loading"))
          .anySatisfy(w -> assertThat(w).contains("Open " + server.url() + "/").contains(Service.exampleCurl(server.url())));
      Http.Reply r = new Http(server.url()).postJson("/v1/answer", Map.of("question", Service.EXAMPLE_QUESTION, "explain", true));
      assertThat(r.status()).isEqualTo(200);
    }
  }

  record Run(int exit, String out) {}

  /** Runs the CLI with memqa.home pointing at {@code home}, capturing what it prints. */
  private static Run inHome(Path home, String... args) {
    String before = System.getProperty("memqa.home");
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setProperty("memqa.home", home.toString());
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int exit = Main.run(args);
      return new Run(exit, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      if (before == null) {
        System.clearProperty("memqa.home");
      } else {
        System.setProperty("memqa.home", before);
      }
    }
  }

}

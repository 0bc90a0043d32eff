package io.memqa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.memqa.index.IndexStats;
import io.memqa.testing.Fixtures;
import io.memqa.testing.TestIndexes;
import io.memqa.testing.TinyQa;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every writing command refuses a location it did not create (a user's file or directory) with
 * exit 2 and leaves it untouched, replaces its own output of the same kind, and leaves nothing
 * beside it; loading refuses a damaged model.
 */
class OutputSafetyTest {
  @TempDir Path dir;

  private String corpus() {
    return Fixtures.resource(Fixtures.PASSAGES).toString();
  }

  private Path thesisDir() {
    Path d = dir.resolve("mine");
    Fixtures.write(d.resolve("thesis.txt"), "three years of work");
    return d;
  }

  private static void assertRefused(Cli r, String... words) {
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).as(r.err()).startsWith("memqa: error: refusing to write").contains(words)
        .contains("Choose another output location");
  }

  @Test
  void indexRefusesAFileAndAForeignDirectoryAndReplacesAnIndex() throws IOException {
    Path file = Fixtures.write(dir.resolve("notes.txt"), "my notes");
    assertRefused(Cli.run("index", "--corpus", corpus(), "--out", file.toString()), "memqa index", "it is a file");
    assertThat(file).hasContent("my notes");

    Path mine = thesisDir();
    assertRefused(Cli.run("index", "--corpus", corpus(), "--out", mine.toString()), "thesis.txt");
    assertThat(mine.resolve("thesis.txt")).hasContent("three years of work");
    try (Stream<Path> s = Files.list(mine)) {
      assertThat(s.toList()).hasSize(1);
    }

    Path index = dir.resolve("index");
    assertThat(Cli.run("index", "--corpus", corpus(), "--out", index.toString()).exit()).isZero();
    Cli again = Cli.run("index", "--corpus", corpus(), "--out", index.toString());
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(IndexStats.read(index).documents()).isEqualTo(10);
    assertThat(TestIndexes.siblings(index)).as("no lock or temporary file left beside the index").containsExactlyInAnyOrder("mine", "notes.txt");

    Cli under = Cli.run("index", "--corpus", corpus(), "--out", file.resolve("sub").toString());
    assertThat(under.exit()).isEqualTo(2);
    assertThat(under.err()).contains(file + " is a file, not a directory");
  }

  @Test
  void evalRefusesForeignOutputAndContinuesItsOwnRuns() throws IOException {
    Path index = dir.resolve("index");
    TestIndexes.build(Fixtures.resource(Fixtures.SQUAD_DEV), index);
    String questions = Fixtures.resource(Fixtures.SQUAD_DEV).toString();
    Path mine = thesisDir();
    for (String sub : List.of("retrieval", "answers")) {
      Cli r = Cli.run("eval", sub, "--index", index.toString(), "--dataset", questions, "--out", mine.toString());
      assertRefused(r, "memqa evaluation run", "thesis.txt");
    }
    Path file = Fixtures.write(dir.resolve("results"), "keep");
    assertRefused(Cli.run("eval", "retrieval", "--index", index.toString(), "--dataset", questions, "--out", file.toString()),
        "it is a file");
    assertThat(file).hasContent("keep");

    Path run = dir.resolve("run");
    assertThat(Cli.run("eval", "retrieval", "--index", index.toString(), "--dataset", questions, "--out", run.toString()).exit()).isZero();
    assertThat(Cli.run("eval", "retrieval", "--index", index.toString(), "--dataset", questions, "--out", run.toString()).exit()).isZero();

    Path notes = Fixtures.write(dir.resolve("notes.md"), "# My notes\n");
    Cli compare = Cli.run("eval", "compare", run.toString(), run.toString(), "--out", notes.toString());
    assertThat(compare.exit()).isEqualTo(2);
    assertThat(compare.err()).contains("refusing to write the comparison to " + notes);
    assertThat(notes).hasContent("# My notes");
  }

  @Test
  void trainRefusesForeignOutputBeforeAnyWork() {
    Path mine = thesisDir();
    assertRefused(Cli.run("train", "--out", mine.toString(), "--dataset", "nothing-to-read"), "memqa model", "thesis.txt");
    Path file = Fixtures.write(dir.resolve("model.bin"), "mine");
    assertRefused(Cli.run("train", "--out", file.toString()), "it is a file");
    Path checkpoint = thesisDir().resolveSibling("m.checkpoint");
    Fixtures.write(checkpoint.resolve("draft.txt"), "mine");
    assertRefused(Cli.run("train", "--out", dir.resolve("m").toString()), "memqa training checkpoint", "draft.txt");
  }

  @Test
  void dataFetchRefusesAFileItDidNotWrite() throws IOException {
    Path data = dir.resolve("data");
    Path foreign = Fixtures.write(data.resolve("squad/train-v1.1.json"), "{\"mine\": true}");
    Path mirror = Files.createDirectories(dir.resolve("mirror"));
    Cli r = Cli.run("data", "fetch", "SQuAD", "--from", mirror.toString(), "--data-dir", data.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(foreign + " exists but is not a version of this dataset file").contains("move it away");
    assertThat(foreign).hasContent("{\"mine\": true}");
    Path file = Fixtures.write(dir.resolve("data.txt"), "x");
    assertThat(Cli.run("data", "fetch", "squad", "--from", mirror.toString(), "--data-dir", file.toString()).err())
        .contains("is a file: choose another --data-dir");
  }

  @Test
  void askRefusesADamagedModelWithHowToRebuild() throws IOException {
    Path model = TinyQa.copyModel(dir.resolve("model"));
    try (RandomAccessFile f = new RandomAccessFile(model.resolve("weights.params").toFile(), "rw")) {
      f.seek(f.length() / 2);
      f.write(new byte[4096]);
    }
    Cli r = Cli.run("ask", "Where was Alma born?", "--index", TinyQa.get().index().toString(), "--model", model.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("has a damaged weights.params").contains("./memqa train --out " + model);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void fileSystemErrorsSayWhatWhereAndWhatToDo() {
    assertThat(Main.describe(new AccessDeniedException("/data/.idx.lock")))
        .isEqualTo("permission denied on /data/.idx.lock: check its permissions and those of its directory, or choose another location");
    assertThat(Main.describe(new java.io.UncheckedIOException(new FileSystemException("/x", null, "No space left on device"))))
        .isEqualTo("cannot use /x: No space left on device; check the path, its permissions and the free space");
  }

  @Test
  void aReadOnlyDirectoryIsNamedWithWhatToDo() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere: the read-only case needs another user");
    Path ro = Files.createDirectories(dir.resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    Cli r = Cli.run("index", "--corpus", corpus(), "--out", ro.resolve("idx").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("permission denied on " + ro);
  }
}

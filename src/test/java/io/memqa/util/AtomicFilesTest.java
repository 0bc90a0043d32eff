package io.memqa.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.testing.Fixtures;
import io.memqa.testing.TestIndexes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writeReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
    Path f = dir.resolve("sub/f.txt");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertThat(Files.readString(f)).isEqualTo("two");
    assertThat(TestIndexes.siblings(f)).isEmpty();
  }

  @Test
  void aFailedWriteKeepsTheOldContent() throws IOException {
    Path f = Fixtures.write(dir.resolve("f.txt"), "old");
    assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
      out.write("half of the new".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    })).hasMessage("disk full");
    assertThat(Files.readString(f)).isEqualTo("old");
    assertThat(TestIndexes.siblings(f)).isEmpty();
  }

  @Test
  void replaceDirectorySwapsInTheNewVersion() throws IOException {
    Path target = dir.resolve("idx");
    Fixtures.write(target.resolve("old.txt"), "old");
    Path fresh = AtomicFiles.tempSibling(target);
    assertThat(fresh.getParent()).isEqualTo(dir.toAbsolutePath());
    assertThat(fresh.getFileName().toString()).startsWith(".idx.tmp-");
    Fixtures.write(fresh.resolve("new.txt"), "new");
    AtomicFiles.replaceDirectory(fresh, target);
    assertThat(target.resolve("new.txt")).hasContent("new");
    assertThat(target.resolve("old.txt")).doesNotExist();
    assertThat(TestIndexes.siblings(target)).isEmpty();
  }

  @Test
  void recoverRestoresADirectoryLeftAside() throws IOException {
    Path target = dir.resolve("idx");
    Fixtures.write(dir.resolve(".idx.old-1234/segment"), "previous");
    AtomicFiles.recover(target);
    assertThat(target.resolve("segment")).hasContent("previous");
    assertThat(TestIndexes.siblings(target)).isEmpty();
  }

  @Test
  void recoverDropsTheOldCopyWhenTheNewOneIsInPlace() throws IOException {
    Path target = dir.resolve("idx");
    Fixtures.write(target.resolve("segment"), "new");
    Fixtures.write(dir.resolve(".idx.old-1234/segment"), "previous");
    Fixtures.write(dir.resolve(".other.old-1/segment"), "not ours");
    AtomicFiles.recover(target);
    assertThat(target.resolve("segment")).hasContent("new");
    assertThat(TestIndexes.siblings(target)).containsExactly(".other.old-1");
  }

  @Test
  void replaceDirectoryFirstRecoversAnInterruptedSwap() throws IOException {
    Path target = dir.resolve("idx");
    Fixtures.write(dir.resolve(".idx.old-1/segment"), "previous");
    Path fresh = AtomicFiles.tempSibling(target);
    Fixtures.write(fresh.resolve("segment"), "new");
    AtomicFiles.replaceDirectory(fresh, target);
    assertThat(target.resolve("segment")).hasContent("new");
    assertThat(TestIndexes.siblings(target)).isEmpty();
  }

  @Test
  void removeStaleTempsRemovesOnlyThisTargetsTemporaries() throws IOException {
    Path target = dir.resolve("idx");
    Fixtures.write(dir.resolve(".idx.tmp-a/_0.si"), "x");
    Fixtures.write(dir.resolve(".idx.tmp-b/_1.si"), "x");
    Fixtures.write(dir.resolve(".idx2.tmp-c/_0.si"), "x");
    AtomicFiles.removeStaleTemps(target);
    assertThat(TestIndexes.siblings(target)).containsExactly(".idx2.tmp-c");
  }

  @Test
  void deletingSomethingMissingIsANoOp() throws IOException {
    AtomicFiles.deleteRecursively(dir.resolve("missing"));
    AtomicFiles.recover(dir.resolve("missing/deeper/idx"));
    AtomicFiles.removeStaleTemps(dir.resolve("missing/deeper/idx"));
    assertThat(dir.resolve("missing")).doesNotExist();
  }
}

package io.memqa.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.data.DatasetFetcher.FileResult;
import io.memqa.data.DatasetFetcher.Outcome;
import io.memqa.data.Manifest.Alternate;
import io.memqa.data.Manifest.FileEntry;
import io.memqa.testing.Fixtures;
import io.memqa.util.BadInputException;
import io.memqa.util.Checksums;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying from a local mirror; downloads are in {@link DatasetDownloadTest}. */
class DatasetFetcherTest {
  static final byte[] ALPHA = "alpha file\n".getBytes(UTF_8);
  static final byte[] BETA = "beta file, in a sub-directory\n".getBytes(UTF_8);

  @TempDir Path tmp;
  Path mirror;
  Path data;

  @BeforeEach
  void dirs() throws IOException {
    mirror = Files.createDirectories(tmp.resolve("mirror"));
    data = tmp.resolve("data");
  }

  static String sha256(byte[] content) {
    return HexFormat.of().formatHex(Checksums.newDigest().digest(content));
  }

  static FileEntry entry(String path, String url, byte[] content, Alternate... alternates) {
    return new FileEntry(path, url, null, (long) content.length, sha256(content), List.of(alternates));
  }

  /** A manifest with one dataset, "tiny". */
  static Manifest manifest(String archive, FileEntry... files) {
    return new Manifest(
        "test", Map.of("tiny", new Manifest.Dataset("tiny", "none", archive, List.of(files))), Map.of(), Map.of());
  }

  private List<FileResult> fetchFromMirror(FileEntry... files) throws IOException {
    return new DatasetFetcher(manifest(null, files), data, mirror).fetch("tiny");
  }

  /** Every regular file under {@code dir}, relative, so stray temporary files show up. */
  static List<String> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void copiesFromTheMirrorAndVerifies() throws IOException {
    Fixtures.writeBytes(mirror.resolve("tiny/a.txt"), ALPHA);
    Fixtures.writeBytes(mirror.resolve("tiny/sub/b.txt"), BETA);
    List<FileResult> results = fetchFromMirror(entry("tiny/a.txt", null, ALPHA), entry("tiny/sub/b.txt", null, BETA));
    assertThat(results)
        .containsExactly(
            new FileResult("tiny/a.txt", Outcome.COPIED, "official release"),
            new FileResult("tiny/sub/b.txt", Outcome.COPIED, "official release"));
    assertThat(Files.readAllBytes(data.resolve("tiny/a.txt"))).isEqualTo(ALPHA);
    assertThat(Files.readAllBytes(data.resolve("tiny/sub/b.txt"))).isEqualTo(BETA);
    assertThat(filesUnder(data)).containsExactly("tiny/a.txt", "tiny/sub/b.txt");
  }

  @Test
  void aSecondRunIsANoOpThatNeedsNoMirrorFile() throws IOException {
    Fixtures.writeBytes(mirror.resolve("tiny/a.txt"), ALPHA);
    FileEntry a = entry("tiny/a.txt", null, ALPHA);
    fetchFromMirror(a);
    Files.delete(mirror.resolve("tiny/a.txt"));
    assertThat(fetchFromMirror(a))
        .containsExactly(new FileResult("tiny/a.txt", Outcome.ALREADY_VERIFIED, "official release"));
  }

  @Test
  void aChecksumMismatchKeepsNoFileAndNamesBothDigests() throws IOException {
    byte[] tampered = "alpha file, tampered\n".getBytes(UTF_8);
    Fixtures.writeBytes(mirror.resolve("tiny/a.txt"), tampered);
    assertThatThrownBy(() -> fetchFromMirror(entry("tiny/a.txt", null, ALPHA)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("checksum mismatch for tiny/a.txt")
        .hasMessageContaining(sha256(tampered))
        .hasMessageContaining(sha256(ALPHA));
    assertThat(filesUnder(data)).isEmpty();
  }

  @Test
  void aListedAlternateDigestIsAccepted() throws IOException {
    byte[] rebuilt = "alpha file, rebuilt from another source\n".getBytes(UTF_8);
    Fixtures.writeBytes(mirror.resolve("tiny/a.txt"), rebuilt);
    FileEntry a = entry("tiny/a.txt", null, ALPHA, new Alternate((long) rebuilt.length, sha256(rebuilt), "rebuilt"));
    assertThat(fetchFromMirror(a)).containsExactly(new FileResult("tiny/a.txt", Outcome.COPIED, "rebuilt"));
    assertThat(fetchFromMirror(a)).containsExactly(new FileResult("tiny/a.txt", Outcome.ALREADY_VERIFIED, "rebuilt"));
  }

  @Test
  void aFileThatIsNoKnownVersionIsRefusedUntouched() {
    // memqa only ever puts verified files in place, so any other content there is not its own.
    Fixtures.writeBytes(mirror.resolve("tiny/a.txt"), ALPHA);
    Fixtures.writeBytes(data.resolve("tiny/a.txt"), "my own notes".getBytes(UTF_8));
    assertThatThrownBy(() -> fetchFromMirror(entry("tiny/a.txt", null, ALPHA)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(data.resolve("tiny/a.txt") + " exists but is not a version of this dataset file")
        .hasMessageContaining("move it away, then fetch again");
    assertThat(data.resolve("tiny/a.txt")).hasContent("my own notes");
  }

  @Test
  void aFileMissingFromTheMirrorIsNamed() {
    assertThatThrownBy(() -> fetchFromMirror(entry("tiny/a.txt", null, ALPHA)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("has no tiny/a.txt");
  }

  @Test
  void aMissingMirrorDirectoryIsRejected() {
    assertThatThrownBy(() -> new DatasetFetcher(manifest(null), data, tmp.resolve("nowhere")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mirror directory not found");
  }

  @Test
  void aManifestPathCannotEscapeTheDataDirectory() {
    Fixtures.writeBytes(tmp.resolve("evil.txt"), ALPHA);
    assertThatThrownBy(() -> fetchFromMirror(entry("../evil.txt", null, ALPHA)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("escapes the data directory");
  }

  @Test
  void anUnknownDatasetListsTheKnownOnes() {
    assertThatThrownBy(() -> new DatasetFetcher(manifest(null), data, mirror).fetch("huge"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown dataset 'huge' (known: tiny)");
  }
}

package io.memqa.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordVectorsFileTest {
  static final EncoderIdentity SOURCE = new EncoderIdentity("test", "g:a:1", "aa", "bb", 384, "MEAN", 256);

  @TempDir Path dir;

  /** Two pieces and two words, 2 wide: enough to round-trip every part of the file. */
  static WordVectors tiny() {
    float[][] rows = {{1f, 0f}, {0f, 1f}};
    return new WordVectors(SOURCE, 2, new String[] {"car", "##s"}, rows,
        Map.of("car", rows[0], "automobile", new float[] {0.6f, 0.8f}));
  }

  @Test
  void roundTrips() throws IOException {
    Path f = dir.resolve("vectors.bin");
    WordVectorsFile.save(tiny(), f);
    WordVectors back = WordVectorsFile.load(f);
    assertThat(back.source()).isEqualTo(SOURCE);
    assertThat(back.vector("automobile")).containsExactly(0.6f, 0.8f);
    assertThat(back.vector("car")).containsExactly(1f, 0f);
    assertThat(back.vector("cars")).containsExactly(0.70710677f, 0.70710677f); // mean of "car" and "##s"
    assertThat(back.vector("zzz")).containsExactly(0f, 0f);
    assertThat(Files.list(dir)).containsExactly(f); // no temporary file left behind
  }

  @Test
  void anAlteredTableIsRefused() throws IOException {
    Path f = dir.resolve("vectors.bin");
    WordVectorsFile.save(tiny(), f);
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.seek(raf.length() - 80);
      int b = raf.read();
      raf.seek(raf.length() - 80);
      raf.write(b ^ 0x5a);
    }
    assertThatThrownBy(() -> WordVectorsFile.load(f)).isInstanceOf(IOException.class)
        .hasMessageContaining(f.toString()).hasMessageContaining("checksum").hasMessageContaining("./memqa train");
  }

  @Test
  void aTruncatedOrMissingTableIsRefused() throws IOException {
    Path f = dir.resolve("vectors.bin");
    WordVectorsFile.save(tiny(), f);
    byte[] all = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
    assertThatThrownBy(() -> WordVectorsFile.load(f)).hasMessageContaining("truncated");
    assertThatThrownBy(() -> WordVectorsFile.load(dir.resolve("none.bin"))).hasMessageContaining("missing")
        .hasMessageContaining("./memqa train");
    Files.writeString(f, "not vectors at all");
    assertThatThrownBy(() -> WordVectorsFile.load(f)).isInstanceOf(IOException.class);
  }
}

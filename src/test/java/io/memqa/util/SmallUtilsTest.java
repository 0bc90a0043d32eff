package io.memqa.util;

import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallUtilsTest {
  @Test
  void sha256OfKnownInputs(@TempDir Path dir) throws IOException {
    assertThat(Checksums.sha256(Fixtures.write(dir.resolve("abc"), "abc")))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Checksums.sha256(Fixtures.write(dir.resolve("empty"), "")))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void countingStreamCountsEveryWayOfReading() throws IOException {
    try (CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(new byte[100]))) {
      in.read();
      in.read(new byte[10], 0, 10);
      in.skip(20);
      in.readAllBytes();
      assertThat(in.count()).isEqualTo(100);
      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.count()).isEqualTo(100);
    }
  }

  @Test
  void homeComesFromTheSystemProperty(@TempDir Path dir) {
    String before = System.getProperty("memqa.home");
    System.setProperty("memqa.home", dir.toString());
    try {
      assertThat(MemqaHome.dir()).isEqualTo(dir.toAbsolutePath().normalize());
      assertThat(MemqaHome.data()).isEqualTo(MemqaHome.dir().resolve("data"));
      assertThat(MemqaHome.indexes()).isEqualTo(MemqaHome.dir().resolve("index"));
    } finally {
      if (before == null) {
        System.clearProperty("memqa.home");
      } else {
        System.setProperty("memqa.home", before);
      }
    }
  }
}

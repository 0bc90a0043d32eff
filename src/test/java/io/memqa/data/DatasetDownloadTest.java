package io.memqa.data;

import static io.memqa.data.DatasetFetcherTest.ALPHA;
import static io.memqa.data.DatasetFetcherTest.BETA;
import static io.memqa.data.DatasetFetcherTest.entry;
import static io.memqa.data.DatasetFetcherTest.filesUnder;
import static io.memqa.data.DatasetFetcherTest.manifest;
import static io.memqa.data.DatasetFetcherTest.sha256;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.memqa.data.DatasetFetcher.FileResult;
import io.memqa.data.DatasetFetcher.Outcome;
import io.memqa.data.Manifest.FileEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from an HTTP server on the loopback address. */
class DatasetDownloadTest {
  @TempDir Path data;
  private HttpServer server;
  private final Map<String, byte[]> served = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      byte[] body = served.get(exchange.getRequestURI().getPath());
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private List<FileResult> download(String archive, FileEntry... files) throws IOException {
    return new DatasetFetcher(manifest(archive, files), data, null).fetch("tiny");
  }

  @Test
  void downloadsAndVerifies() throws IOException {
    served.put("/files/a.txt", ALPHA);
    assertThat(download(null, entry("tiny/a.txt", url("/files/a.txt"), ALPHA)))
        .containsExactly(new FileResult("tiny/a.txt", Outcome.DOWNLOADED, "official release"));
    assertThat(Files.readAllBytes(data.resolve("tiny/a.txt"))).isEqualTo(ALPHA);
    assertThat(download(null, entry("tiny/a.txt", url("/files/a.txt"), ALPHA)).get(0).outcome())
        .isEqualTo(Outcome.ALREADY_VERIFIED);
    assertThat(requests).hasValue(1);
  }

  @Test
  void notFoundIsAnErrorWithTheStatus() {
    assertThatThrownBy(() -> download(null, entry("tiny/a.txt", url("/files/gone.txt"), ALPHA)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot download " + url("/files/gone.txt"))
        .hasMessageContaining("HTTP 404");
    assertThat(Files.exists(data.resolve("tiny/a.txt"))).isFalse();
  }

  @Test
  void wrongContentIsNotKept() throws IOException {
    byte[] wrong = "an error page\n".getBytes(UTF_8);
    served.put("/files/a.txt", wrong);
    assertThatThrownBy(() -> download(null, entry("tiny/a.txt", url("/files/a.txt"), ALPHA)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(sha256(wrong))
        .hasMessageContaining(sha256(ALPHA));
    assertThat(filesUnder(data)).isEmpty();
  }

  @Test
  void anUnreachableAddressSuggestsAMirror() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    String address = "http://127.0.0.1:" + closedPort + "/a.txt";
    assertThatThrownBy(() -> download(null, entry("tiny/a.txt", address, ALPHA)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot download " + address)
        .hasMessageContaining("ConnectException")
        .hasMessageContaining("--from DIR")
        .hasMessageContaining(DatasetFetcher.MIRROR_ENV);
  }

  @Test
  void archiveMembersAreExtractedAndVerifiedFromOneDownload() throws IOException {
    served.put("/bundle.tar.gz", tarGz(Map.of("bundle/a.txt", ALPHA, "bundle/b.txt", BETA)));
    FileEntry a = member("tiny/a.txt", "bundle/a.txt", ALPHA);
    FileEntry b = member("tiny/b.txt", "bundle/b.txt", BETA);
    assertThat(download(url("/bundle.tar.gz"), a, b))
        .extracting(FileResult::outcome)
        .containsExactly(Outcome.DOWNLOADED, Outcome.DOWNLOADED);
    assertThat(Files.readAllBytes(data.resolve("tiny/b.txt"))).isEqualTo(BETA);
    assertThat(requests).hasValue(1);
  }

  @Test
  void aMissingArchiveMemberIsNamed() throws IOException {
    served.put("/bundle.tar.gz", tarGz(Map.of("bundle/a.txt", ALPHA)));
    assertThatThrownBy(() -> download(url("/bundle.tar.gz"), member("tiny/b.txt", "bundle/b.txt", BETA)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("has no member bundle/b.txt");
  }

  private static FileEntry member(String path, String member, byte[] content) {
    return new FileEntry(path, null, member, (long) content.length, sha256(content), List.of());
  }

  private static byte[] tarGz(Map<String, byte[]> members) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(m.getKey());
        e.setSize(m.getValue().length);
        tar.putArchiveEntry(e);
        tar.write(m.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}

package io.memqa.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.memqa.data.DatasetFetcher.FileResult;
import io.memqa.data.DatasetFetcher.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wikipedia-sized fetches (the dump with its published SHA-1, DPR's passages checked as gzip)
 * from a server on the loopback address: resuming with HTTP ranges, the free-disk check, bad
 * content, an unreachable server.
 */
class LargeDownloadTest {
  static final String DATE = "20240101";
  static final String DUMP = "/enwiki/" + DATE + "/enwiki-" + DATE + "-pages-articles-multistream.xml.bz2";
  static final String SUMS = "/enwiki/" + DATE + "/enwiki-" + DATE + "-sha1sums.txt";
  static final String PASSAGES = "/dpr/wikipedia_split/psgs_w100.tsv.gz";

  @TempDir Path data;
  @TempDir Path mirror;
  private HttpServer server;
  private final Map<String, byte[]> served = new ConcurrentHashMap<>();
  /** Bytes after which the next answer for a path is cut off (then served whole again). */
  private final Map<String, Integer> cutAfter = new ConcurrentHashMap<>();
  /** Content-Length to claim for a path instead of the real one (no body follows). */
  private final Map<String, Long> claim = new ConcurrentHashMap<>();
  private final List<String> requests = new ArrayList<>();
  private final byte[] dump = random(300_000, 1);

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
    served.put(DUMP, dump);
    served.put(SUMS, (sha1(random(10, 2)) + "  enwiki-" + DATE + "-pages-articles.xml.bz2\n"
        + sha1(dump) + "  enwiki-" + DATE + "-pages-articles-multistream.xml.bz2\n").getBytes(UTF_8));
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void serve(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    String range = x.getRequestHeaders().getFirst("Range");
    synchronized (requests) {
      requests.add(path + (range == null ? "" : " " + range));
    }
    byte[] body = served.get(path);
    if (body == null) {
      x.sendResponseHeaders(404, -1);
      x.close();
      return;
    }
    if (claim.containsKey(path)) {
      x.sendResponseHeaders(200, claim.get(path));
      x.getResponseBody().flush();
      throw new IOException("no body follows: the server drops the connection"); // the client must not get that far
    }
    int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
    if (range != null) {
      x.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
    }
    x.sendResponseHeaders(range == null ? 200 : 206, body.length - from);
    Integer cut = cutAfter.remove(path);
    OutputStream out = x.getResponseBody();
    out.write(body, from, cut == null ? body.length - from : cut);
    out.flush();
    if (cut != null) {
      throw new IOException("cut: the server drops the connection short of the length");
    }
    out.close();
    x.close();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The bundled manifest's Wikipedia entries, with the official host replaced by the test server. */
  private Manifest manifest(String host) throws IOException {
    ObjectMapper json = new ObjectMapper();
    String text = json.writeValueAsString(Manifest.bundled())
        .replace("https://dumps.wikimedia.org", host)
        .replace("https://dl.fbaipublicfiles.com", host);
    return json.readValue(text, Manifest.class);
  }

  private List<FileResult> fetch(String name, Map<String, String> params) throws IOException {
    return new DatasetFetcher(manifest(base()), data, null).fetch(name, params);
  }

  private Path dumpFile() {
    return data.resolve("enwiki/enwiki-" + DATE + "-pages-articles-multistream.xml.bz2");
  }

  @Test
  void theDumpIsDownloadedCheckedAgainstItsPublishedSha1AndNotReadAgain() throws IOException {
    List<FileResult> r = fetch("enwiki", Map.of("date", DATE));
    assertThat(r).extracting(FileResult::outcome).containsExactly(Outcome.DOWNLOADED);
    assertThat(r.get(0).matched()).startsWith("sha-1 " + sha1(dump).substring(0, 12)).endsWith("enwiki-" + DATE + "-sha1sums.txt");
    assertThat(Files.readAllBytes(dumpFile())).isEqualTo(dump);
    assertThat(requests).containsExactly(SUMS, DUMP);

    requests.clear();
    assertThat(fetch("enwiki", Map.of("date", DATE))).extracting(FileResult::outcome).containsExactly(Outcome.ALREADY_VERIFIED);
    assertThat(requests).isEmpty();
    assertThat(Files.list(data.resolve(".downloads")).toList()).isEmpty();
  }

  @Test
  void anInterruptedDownloadResumesWhereItStopped() throws IOException {
    cutAfter.put(DUMP, 100_000);
    assertThatThrownBy(() -> fetch("enwiki", Map.of("date", DATE)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("download of " + base() + DUMP + " stopped after")
        .hasMessageContaining("run the same command again to resume");
    Path part = data.resolve(".downloads/enwiki-" + DATE + "-pages-articles-multistream.xml.bz2.part");
    long kept = Files.size(part);
    assertThat(kept).isPositive().isLessThan(dump.length);
    assertThat(Files.exists(dumpFile())).isFalse();

    requests.clear();
    assertThat(fetch("enwiki", Map.of("date", DATE))).extracting(FileResult::outcome).containsExactly(Outcome.DOWNLOADED);
    assertThat(requests).containsExactly(SUMS, DUMP + " bytes=" + kept + "-");
    assertThat(Files.readAllBytes(dumpFile())).isEqualTo(dump);
    assertThat(Files.exists(part)).isFalse();
  }

  @Test
  void aDownloadThatFailsItsChecksumIsNotKept() throws IOException {
    served.put(DUMP, random(300_000, 3));
    assertThatThrownBy(() -> fetch("enwiki", Map.of("date", DATE)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("SHA-1 mismatch")
        .hasMessageContaining("expected " + sha1(dump))
        .hasMessageContaining("not kept");
    assertThat(Files.exists(dumpFile())).isFalse();
    assertThat(Files.list(data.resolve(".downloads")).toList()).isEmpty();
  }

  @Test
  void aFileTooLargeForTheDiskIsRefusedBeforeAnythingIsWritten() throws IOException {
    claim.put(DUMP, 1L << 50); // a petabyte
    assertThatThrownBy(() -> fetch("enwiki", Map.of("date", DATE)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not enough free disk space for enwiki-" + DATE + "-pages-articles-multistream.xml.bz2.part")
        .hasMessageContaining("it needs 1048576.0 GB more")
        .hasMessageContaining("--data-dir");
    assertThat(Files.exists(data.resolve(".downloads/enwiki-" + DATE + "-pages-articles-multistream.xml.bz2.part"))).isFalse();
  }

  @Test
  void theDateIsRequiredAndCheckedAndAnUnknownDumpIsNamed() {
    assertThatThrownBy(() -> fetch("enwiki", Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dataset 'enwiki' needs --date YYYYMMDD");
    assertThatThrownBy(() -> fetch("enwiki", Map.of("date", "2024-01-01"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got '2024-01-01'");
    assertThatThrownBy(() -> fetch("squad", Map.of("date", DATE))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dataset 'squad' takes no --date");
    assertThatThrownBy(() -> fetch("enwiki", Map.of("date", "20230101"))).isInstanceOf(IOException.class)
        .hasMessageContaining("enwiki-20230101-sha1sums.txt").hasMessageContaining("HTTP 404");
  }

  @Test
  void anUnreachableServerIsReportedWithTheWayRoundIt() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    assertThatThrownBy(() -> new DatasetFetcher(manifest("http://127.0.0.1:" + closedPort), data, null).fetch("wikipedia"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot download http://127.0.0.1:" + closedPort + PASSAGES)
        .hasMessageContaining("offline?")
        .hasMessageContaining("--from DIR");
  }

  @Test
  void dprPassagesAreCheckedAsGzipSinceNoChecksumIsPublished() throws IOException {
    byte[] good = gzip("id\ttext\ttitle\n1\tAaron is a prophet.\tAaron\n");
    served.put(PASSAGES, Arrays.copyOf(good, good.length - 6)); // truncated: the trailer is missing
    assertThatThrownBy(() -> fetch("wikipedia", Map.of())).isInstanceOf(IOException.class)
        .hasMessageContaining("not a complete gzip file").hasMessageContaining("not kept");
    assertThat(Files.exists(data.resolve("wikipedia/psgs_w100.tsv.gz"))).isFalse();

    served.put(PASSAGES, good);
    assertThat(fetch("wikipedia", Map.of())).extracting(FileResult::matched).containsExactly("gzip complete (no checksum is published)");
    assertThat(Files.readAllBytes(data.resolve("wikipedia/psgs_w100.tsv.gz"))).isEqualTo(good);
    assertThat(new Datasets(Manifest.bundled(), data).openCorpus("wikipedia", false).next().title()).isEqualTo("Aaron");
  }

  @Test
  void aMirrorCopyIsCheckedAgainstTheSumsFileBesideIt() throws IOException {
    Path dir = Files.createDirectories(mirror.resolve("enwiki"));
    Files.write(dir.resolve("enwiki-" + DATE + "-pages-articles-multistream.xml.bz2"), dump);
    assertThatThrownBy(() -> new DatasetFetcher(manifest(base()), data, mirror).fetch("enwiki", Map.of("date", DATE)))
        .hasMessageContaining("has no enwiki/enwiki-" + DATE + "-sha1sums.txt");
    Files.write(dir.resolve("enwiki-" + DATE + "-sha1sums.txt"), served.get(SUMS));
    assertThat(new DatasetFetcher(manifest(base()), data, mirror).fetch("enwiki", Map.of("date", DATE)))
        .extracting(FileResult::outcome).containsExactly(Outcome.COPIED);
    assertThat(requests).isEmpty();
  }

  @Test
  void aPresentFileThatFailsItsCheckIsLeftAlone() throws IOException {
    Files.createDirectories(dumpFile().getParent());
    Files.write(dumpFile(), random(1000, 4));
    assertThatThrownBy(() -> fetch("enwiki", Map.of("date", DATE))).isInstanceOf(IOException.class)
        .hasMessageContaining("is present but fails its check").hasMessageContaining("move it away");
    assertThat(Files.size(dumpFile())).isEqualTo(1000);
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String sha1(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(b)) {
      z.write(s.getBytes(UTF_8));
    }
    return b.toByteArray();
  }
}

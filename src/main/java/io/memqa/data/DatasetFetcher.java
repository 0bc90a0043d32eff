package io.memqa.data;

import io.memqa.data.Manifest.Alternate;
import io.memqa.data.Manifest.Dataset;
import io.memqa.data.Manifest.FileEntry;
import io.memqa.util.AtomicFiles;
import io.memqa.util.BadInputException;
import io.memqa.util.Checksums;
import io.memqa.util.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a dataset's files into the data directory, from the official addresses or from a local
 * mirror. Every file is checksum-verified and written atomically (temporary file, then rename);
 * files already present and verified are left alone, so a re-run is a no-op.
 */
public final class DatasetFetcher {
  /** The environment variable naming a local mirror when --from is not given. */
  public static final String MIRROR_ENV = "MEMQA_DATA_MIRROR";

  private static final Logger LOG = LoggerFactory.getLogger(DatasetFetcher.class);
  private static final int CONNECT_TIMEOUT_MS = 20_000;
  private static final int READ_TIMEOUT_MS = 60_000;

  private final Manifest manifest;
  private final Path dataDir;
  private final Path mirror;

  /** {@code mirror} may be null: then files are downloaded. */
  public DatasetFetcher(Manifest manifest, Path dataDir, Path mirror) {
    this.manifest = manifest;
    this.dataDir = dataDir;
    this.mirror = mirror;
    if (mirror != null && !Files.isDirectory(mirror)) {
      throw new BadInputException("mirror directory not found: " + mirror);
    }
  }

  /** How one file was obtained. */
  public enum Outcome {
    ALREADY_VERIFIED,
    COPIED,
    DOWNLOADED
  }

  /** The result for one file: what happened and which accepted version it matched. */
  public record FileResult(String path, Outcome outcome, String matched) {}

  public List<FileResult> fetch(String datasetName) throws IOException {
    return fetch(datasetName, Map.of());
  }

  /** Fetches a dataset whose paths and addresses take parameters (a Wikipedia dump's date). */
  public List<FileResult> fetch(String datasetName, Map<String, String> parameters) throws IOException {
    Dataset dataset = manifest.dataset(datasetName).with(datasetName, parameters);
    if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      throw new BadInputException("the data directory " + dataDir + " is a file: choose another --data-dir");
    }
    List<FileResult> results = new ArrayList<>();
    Path archive = null;
    for (FileEntry f : dataset.files()) {
      Path target = dataDir.resolve(f.path()).normalize();
      if (!target.startsWith(dataDir.normalize())) {
        throw new IllegalStateException("manifest path escapes the data directory: " + f.path());
      }
      if (f.isLarge()) {
        results.add(new LargeFileFetcher(dataDir, mirror).fetch(f, target));
        continue;
      }
      Optional<Alternate> present = Files.isRegularFile(target) ? verify(target, f) : Optional.empty();
      if (present.isPresent()) {
        results.add(new FileResult(f.path(), Outcome.ALREADY_VERIFIED, present.get().note()));
        continue;
      }
      refuseForeign(target);
      if (mirror != null) {
        Path source = mirror.resolve(f.path()).normalize();
        if (!Files.isRegularFile(source)) {
          throw new IOException("mirror " + mirror + " has no " + f.path());
        }
        Alternate matched = copyVerified(source, target, f, "copy " + f.path());
        results.add(new FileResult(f.path(), Outcome.COPIED, matched.note()));
      } else if (f.member() != null) {
        if (archive == null) {
          archive = downloadArchive(datasetName, dataset.archive());
        }
        results.add(new FileResult(f.path(), Outcome.DOWNLOADED, extract(archive, f, target).note()));
      } else {
        Alternate matched = download(URI.create(f.url()), target, f);
        results.add(new FileResult(f.path(), Outcome.DOWNLOADED, matched.note()));
      }
    }
    return results;
  }

  /**
   * Fetching never replaces what it did not write: memqa only ever puts verified files in place,
   * so anything else at a dataset file's path (a directory, or a file with other content) is the
   * user's, and is refused untouched.
   */
  private static void refuseForeign(Path target) {
    if (Files.isDirectory(target)) {
      throw new BadInputException(target + " is a directory, where the dataset file belongs: move it away, then fetch again");
    }
    if (Files.exists(target)) {
      throw new BadInputException(target + " exists but is not a version of this dataset file memqa knows (its size or "
          + "SHA-256 differs), and memqa does not replace files it did not write: move it away, then fetch again");
    }
  }

  /** The accepted version a present file matches, if any. */
  public static Optional<Alternate> verify(Path file, FileEntry entry) throws IOException {
    long size = Files.size(file);
    boolean sizeFits = entry.accepted().stream().anyMatch(a -> a.size() == null || a.size() == size);
    if (!sizeFits) {
      return Optional.empty();
    }
    String digest = Checksums.sha256(file);
    return entry.accepted().stream().filter(a -> a.sha256().equalsIgnoreCase(digest)).findFirst();
  }

  private Alternate copyVerified(Path source, Path target, FileEntry f, String task) throws IOException {
    try (InputStream in = Files.newInputStream(source)) {
      return writeVerified(in, Files.size(source), target, f, task);
    }
  }

  /** Streams {@code in} into a temporary file, checks the digest, and only then renames it. */
  private static Alternate writeVerified(InputStream in, long length, Path target, FileEntry f, String task)
      throws IOException {
    MessageDigest md = Checksums.newDigest();
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".part");
    try {
      long written = 0;
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md);
          Progress progress = Progress.start(task + " (KB)", length < 0 ? -1 : length / 1024)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          out.write(buf, 0, n);
          written += n;
          progress.stepTo(written / 1024);
        }
      }
      String digest = HexFormat.of().formatHex(md.digest());
      final long size = written;
      Alternate matched =
          f.accepted().stream()
              .filter(a -> a.sha256().equalsIgnoreCase(digest) && (a.size() == null || a.size() == size))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IOException(
                          "checksum mismatch for "
                              + f.path()
                              + ": got sha256 "
                              + digest
                              + " ("
                              + size
                              + " bytes), expected "
                              + f.sha256()
                              + "; the file was not kept"));
      AtomicFiles.move(tmp, target);
      return matched;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private Alternate download(URI url, Path target, FileEntry f) throws IOException {
    HttpURLConnection c = open(url);
    try (InputStream in = c.getInputStream()) {
      return writeVerified(in, c.getContentLengthLong(), target, f, "download " + f.path());
    } finally {
      c.disconnect();
    }
  }

  private Path downloadArchive(String datasetName, String archiveUrl) throws IOException {
    if (archiveUrl == null) {
      throw new IllegalStateException("dataset " + datasetName + " lists archive members but no archive");
    }
    URI url = URI.create(archiveUrl);
    Path dir = dataDir.resolve(".downloads");
    Files.createDirectories(dir);
    Path target = dir.resolve(Path.of(url.getPath()).getFileName().toString());
    if (Files.isRegularFile(target)) {
      return target;
    }
    HttpURLConnection c = open(url);
    try (InputStream in = c.getInputStream()) {
      writeUnverified(in, c.getContentLengthLong(), target, "download " + url);
      return target;
    } finally {
      c.disconnect();
    }
  }

  private static void writeUnverified(InputStream in, long length, Path target, String task)
      throws IOException {
    AtomicFiles.write(
        target,
        out -> {
          try (Progress progress = Progress.start(task + " (KB)", length < 0 ? -1 : length / 1024)) {
            byte[] buf = new byte[1 << 16];
            long written = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
              out.write(buf, 0, n);
              written += n;
              progress.stepTo(written / 1024);
            }
          }
        });
  }

  /** Takes one member out of a .tar.gz archive, verifying it like any other file. */
  private static Alternate extract(Path archive, FileEntry f, Path target) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(archive)))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (e.getName().equals(f.member()) || e.getName().equals("./" + f.member())) {
          return writeVerified(tar, e.getSize(), target, f, "extract " + f.member());
        }
      }
    }
    throw new IOException("archive " + archive + " has no member " + f.member());
  }

  private static HttpURLConnection open(URI url) throws IOException {
    return open(url, 0);
  }

  /**
   * A GET of {@code url} answered 200, or 206 when {@code from} > 0 asks for the rest of the file
   * from that byte on (an HTTP range, to resume a download); an unreachable server is reported
   * with the way round it.
   */
  static HttpURLConnection open(URI url, long from) throws IOException {
    try {
      HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
      c.setConnectTimeout(CONNECT_TIMEOUT_MS);
      c.setReadTimeout(READ_TIMEOUT_MS);
      c.setInstanceFollowRedirects(true);
      c.setRequestProperty("User-Agent", "memqa-data-fetch");
      if (from > 0) {
        c.setRequestProperty("Range", "bytes=" + from + "-");
      }
      int status = c.getResponseCode();
      // 416: nothing past that byte, the partial download is complete already.
      if (status != 200 && !(from > 0 && (status == 206 || status == 416))) {
        c.disconnect();
        throw new IOException("cannot download " + url + ": HTTP " + status);
      }
      LOG.info("downloading {}", url);
      return c;
    } catch (UnknownHostException | ConnectException | SocketTimeoutException e) {
      throw new IOException(
          "cannot download "
              + url
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); offline? Use --from DIR or set "
              + MIRROR_ENV
              + " to copy from a local mirror",
          e);
    }
  }
}

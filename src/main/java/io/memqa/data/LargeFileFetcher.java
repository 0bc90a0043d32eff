package io.memqa.data;

import io.memqa.data.DatasetFetcher.FileResult;
import io.memqa.data.DatasetFetcher.Outcome;
import io.memqa.data.Manifest.FileEntry;
import io.memqa.util.AtomicFiles;
import io.memqa.util.CountingInputStream;
import io.memqa.util.Progress;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Fetches the files of Wikipedia's size (5 to 25 GB): downloaded into {@code data/.downloads}
 * and resumed there after an interruption, checked against the SHA-1 that the dump publishes (or,
 * where nothing is published, by reading the gzip file through, which tests every CRC), and only
 * then moved into place. A small marker next to the file records the check, so that a re-run
 * does not read 20 GB again to find nothing to do.
 */
final class LargeFileFetcher {
  private static final int MAX_SUMS_BYTES = 1 << 20;

  private final Path dataDir;
  private final Path mirror;

  LargeFileFetcher(Path dataDir, Path mirror) {
    this.dataDir = dataDir;
    this.mirror = mirror;
  }

  /** How a file is checked; {@link #verify} returns what was checked or throws saying what is wrong. */
  private interface Check {
    String verify(Path file, String task) throws IOException;
  }

  FileResult fetch(FileEntry f, Path target) throws IOException {
    Path marker = target.resolveSibling("." + target.getFileName() + ".verified");
    if (Files.isRegularFile(target)) {
      Optional<String> checked = checkedBefore(marker, target);
      if (checked.isPresent()) {
        return new FileResult(f.path(), Outcome.ALREADY_VERIFIED, checked.get());
      }
      String note;
      try {
        note = check(f).verify(target, "verify " + f.path());
      } catch (IOException e) {
        throw new IOException(target + " is present but fails its check (" + e.getMessage() + "); move it away and run again", e);
      }
      writeMarker(marker, target, note);
      return new FileResult(f.path(), Outcome.ALREADY_VERIFIED, note);
    }
    Check check = check(f);
    Path part = dataDir.resolve(".downloads").resolve(target.getFileName() + ".part");
    Outcome outcome;
    if (mirror != null) {
      copyFromMirror(f, part);
      outcome = Outcome.COPIED;
    } else {
      ResumableDownload.to(URI.create(f.url()), part, "download " + f.path());
      outcome = Outcome.DOWNLOADED;
    }
    String note;
    try {
      note = check.verify(part, "verify " + f.path());
    } catch (IOException e) {
      Files.deleteIfExists(part);
      throw new IOException(f.path() + ": " + e.getMessage() + "; the file was not kept", e);
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    AtomicFiles.move(part, target);
    writeMarker(marker, target, note);
    return new FileResult(f.path(), outcome, note);
  }

  private void copyFromMirror(FileEntry f, Path part) throws IOException {
    Path source = mirror.resolve(f.path()).normalize();
    if (!Files.isRegularFile(source)) {
      throw new IOException("mirror " + mirror + " has no " + f.path());
    }
    Files.createDirectories(part.toAbsolutePath().getParent());
    ResumableDownload.checkFreeSpace(part, Files.size(source));
    Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
  }

  private Check check(FileEntry f) throws IOException {
    if (f.sha1sums() != null) {
      String name = Path.of(URI.create(f.url()).getPath()).getFileName().toString();
      String sums = sumsFile(f);
      String sumsName = Path.of(URI.create(f.sha1sums()).getPath()).getFileName().toString();
      for (String line : sums.split("\n")) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length == 2 && parts[1].equals(name) && parts[0].matches("[0-9a-fA-F]{40}")) {
          return digest("SHA-1", parts[0].toLowerCase(java.util.Locale.ROOT), "as published in " + sumsName);
        }
      }
      throw new IOException(sumsName + " lists no " + name + ": is that dump complete? (see " + f.sha1sums() + ")");
    }
    if ("gzip".equals(f.check())) {
      return LargeFileFetcher::gzipComplete;
    }
    throw new IllegalStateException("the manifest gives " + f.path() + " neither a sha256, nor sha1sums, nor a check");
  }

  /** The published checksum list, from the mirror (next to the file) or from its address. */
  private String sumsFile(FileEntry f) throws IOException {
    String name = Path.of(URI.create(f.sha1sums()).getPath()).getFileName().toString();
    if (mirror != null) {
      Path local = mirror.resolve(f.path()).normalize().resolveSibling(name);
      if (!Files.isRegularFile(local)) {
        throw new IOException("mirror " + mirror + " has no " + mirror.relativize(local) + " to check " + f.path() + " against");
      }
      return Files.readString(local, StandardCharsets.UTF_8);
    }
    HttpURLConnection c = DatasetFetcher.open(URI.create(f.sha1sums()), 0);
    try (InputStream in = c.getInputStream()) {
      return new String(in.readNBytes(MAX_SUMS_BYTES), StandardCharsets.UTF_8);
    } finally {
      c.disconnect();
    }
  }

  private static Check digest(String algorithm, String expected, String source) {
    return (file, task) -> {
      MessageDigest md;
      try {
        md = MessageDigest.getInstance(algorithm);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(algorithm + " is missing from this JDK", e);
      }
      try (InputStream in = Files.newInputStream(file)) {
        readThrough(in, null, Files.size(file), task, md);
      }
      String got = HexFormat.of().formatHex(md.digest());
      if (!got.equals(expected)) {
        throw new IOException(algorithm + " mismatch: got " + got + ", expected " + expected + " " + source);
      }
      return algorithm.toLowerCase(java.util.Locale.ROOT) + " " + expected.substring(0, 12) + "… " + source;
    };
  }

  /** Reads a gzip file to its end: every member's CRC-32 and length are checked on the way. */
  private static String gzipComplete(Path file, String task) throws IOException {
    try (CountingInputStream raw = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        InputStream in = new GZIPInputStream(raw, 1 << 16)) {
      readThrough(in, raw, Files.size(file), task, null);
    } catch (IOException e) {
      throw new IOException("not a complete gzip file (" + e.getMessage() + ")", e);
    }
    return "gzip complete (no checksum is published)";
  }

  /** Reads {@code in} to its end with progress in MB of the file ({@code counted} when decompressing). */
  private static void readThrough(InputStream in, CountingInputStream counted, long size, String task, MessageDigest md)
      throws IOException {
    try (Progress progress = Progress.start(task + " (MB)", size >> 20)) {
      byte[] buf = new byte[1 << 20];
      long read = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        if (md != null) {
          md.update(buf, 0, n);
        }
        read += n;
        progress.stepTo((counted == null ? read : counted.count()) >> 20);
      }
    }
  }

  /** The note of an earlier check when the file is still exactly as it was then. */
  private static Optional<String> checkedBefore(Path marker, Path file) throws IOException {
    if (!Files.isRegularFile(marker)) {
      return Optional.empty();
    }
    String[] m = Files.readString(marker, StandardCharsets.UTF_8).split("\t", 3);
    boolean same = m.length == 3 && m[0].equals(String.valueOf(Files.size(file)))
        && m[1].equals(String.valueOf(Files.getLastModifiedTime(file).toMillis()));
    return same ? Optional.of(m[2].strip()) : Optional.empty();
  }

  private static void writeMarker(Path marker, Path file, String note) throws IOException {
    AtomicFiles.writeString(marker, Files.size(file) + "\t" + Files.getLastModifiedTime(file).toMillis() + "\t" + note + "\n");
  }
}

package io.memqa.data;

import io.memqa.util.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a large file into a partial file that survives interruption: a later run asks the
 * server for the rest only (an HTTP range) and appends it. Before writing, the free space where
 * the file goes is checked against what is still to come.
 */
final class ResumableDownload {
  private static final Logger LOG = LoggerFactory.getLogger(ResumableDownload.class);
  /** Room left over after the download, for the index and everything else. */
  static final long DISK_MARGIN = 256L << 20;

  private ResumableDownload() {}

  /** Downloads {@code url} into {@code part}, continuing what an earlier run left there. */
  static void to(URI url, Path part, String task) throws IOException {
    Files.createDirectories(part.toAbsolutePath().getParent());
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    HttpURLConnection c = DatasetFetcher.open(url, have);
    try {
      int status = c.getResponseCode();
      if (status == 416) {
        LOG.info("{} is complete already ({})", part.getFileName(), size(have));
        return;
      }
      boolean resume = status == 206;
      if (resume && !String.valueOf(c.getHeaderField("Content-Range")).startsWith("bytes " + have + "-")) {
        throw new IOException("cannot resume " + url + ": the server sent the range \"" + c.getHeaderField("Content-Range")
            + "\" for bytes " + have + "- ; delete " + part + " and run again");
      }
      long from = resume ? have : 0;
      long remaining = c.getContentLengthLong();
      checkFreeSpace(part, remaining);
      if (resume) {
        LOG.info("resuming {} after {}", url, size(from));
      }
      long written = 0;
      try (InputStream in = c.getInputStream();
          OutputStream out = resume
              ? Files.newOutputStream(part, StandardOpenOption.APPEND)
              : Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
          Progress progress = Progress.start(task + " (MB)", remaining < 0 ? -1 : (from + remaining) >> 20)) {
        progress.stepTo(from >> 20);
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          out.write(buf, 0, n);
          written += n;
          progress.stepTo((from + written) >> 20);
        }
      } catch (IOException e) {
        throw stopped(url, from + written, remaining < 0 ? -1 : from + remaining, e.getMessage(), e);
      }
      if (remaining >= 0 && written < remaining) {
        throw stopped(url, from + written, from + remaining, "the connection closed early", null);
      }
    } finally {
      c.disconnect();
    }
  }

  private static IOException stopped(URI url, long got, long total, String why, Throwable cause) {
    return new IOException("download of " + url + " stopped after " + size(got) + (total < 0 ? "" : " of " + size(total))
        + " (" + why + "); run the same command again to resume from there", cause);
  }

  /** Refuses to start when the disk cannot hold the rest of the file plus a margin. */
  static void checkFreeSpace(Path file, long bytesToCome) throws IOException {
    if (bytesToCome < 0) {
      return; // the server did not say: nothing to check against
    }
    Path dir = file.toAbsolutePath().getParent();
    long free = Files.getFileStore(dir).getUsableSpace();
    if (free < bytesToCome + DISK_MARGIN) {
      throw new IOException("not enough free disk space for " + file.getFileName() + ": it needs " + size(bytesToCome)
          + " more (and " + size(DISK_MARGIN) + " to spare) in " + dir + ", which has " + size(free)
          + " free; free some space or fetch into another directory with --data-dir");
    }
  }

  static String size(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
  }
}

package io.memqa.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes files and directories so that readers only ever see a complete old version or a complete
 * new one: content goes to a temporary sibling first and is renamed into place when finished.
 */
public final class AtomicFiles {
  private static final String OLD_MARK = ".old-";

  private AtomicFiles() {}

  /** Something that writes the whole content to a stream. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Writes {@code target} through a temporary file in the same directory, then renames it. */
  public static void write(Path target, Writer writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        writer.write(out);
      }
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static void writeString(Path target, String content) throws IOException {
    write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
  }

  /** Moves a finished temporary file over the target, atomically where the file system can. */
  public static void move(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A fresh temporary directory next to {@code target}, to build a new version in. */
  public static Path tempSibling(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + UUID.randomUUID());
    Files.createDirectory(tmp);
    return tmp;
  }

  /**
   * Replaces directory {@code target} with the complete directory {@code fresh}. The old version
   * is renamed aside first and deleted only after the new one is in place; {@link #recover} puts
   * it back if the process died in between.
   */
  public static void replaceDirectory(Path fresh, Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    recover(abs);
    Path old = null;
    if (Files.exists(abs)) {
      old = abs.resolveSibling("." + abs.getFileName() + OLD_MARK + UUID.randomUUID());
      Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(fresh, abs, StandardCopyOption.ATOMIC_MOVE);
    if (old != null) {
      deleteRecursively(old);
    }
  }

  /**
   * Restores a directory left aside by an interrupted {@link #replaceDirectory}, and removes stale
   * temporary siblings. Safe to call at any time.
   */
  public static void recover(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    Path parent = abs.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return;
    }
    String name = abs.getFileName().toString();
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, "." + name + OLD_MARK + "*")) {
      for (Path old : siblings) {
        if (!Files.exists(abs)) {
          Files.move(old, abs, StandardCopyOption.ATOMIC_MOVE);
        } else {
          deleteRecursively(old);
        }
      }
    }
  }

  /** Deletes temporary build directories left next to {@code target} by killed builds. */
  public static void removeStaleTemps(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    Path parent = abs.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return;
    }
    try (DirectoryStream<Path> temps =
        Files.newDirectoryStream(parent, "." + abs.getFileName() + ".tmp-*")) {
      for (Path t : temps) {
        deleteRecursively(t);
      }
    }
  }

  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}

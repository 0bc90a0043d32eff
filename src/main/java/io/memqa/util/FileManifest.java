package io.memqa.util;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A saved artifact's own checksums: {@code manifest.json} in its directory lists every other file
 * there with size and SHA-256, plus the artifact's kind and format version. It is written last,
 * once everything else is in place, and {@link #verify} checks it before anything is read, so a
 * file that is missing, added, truncated or overwritten (even 4 KB in the middle) is refused
 * instead of being loaded. Any file saved into the directory is covered without code of its own.
 */
public final class FileManifest {
  public static final String FILE = "manifest.json";
  private static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One listed file. */
  public record Entry(long size, String sha256) {}

  /** The manifest as written. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Content(int manifestVersion, String kind, int formatVersion, Map<String, Entry> files) {}

  private FileManifest() {}

  /** Lists every file now in {@code dir} (but the manifest) in its manifest, written atomically. */
  public static Content write(Path dir, String kind, int formatVersion) throws IOException {
    Map<String, Entry> files = new TreeMap<>();
    for (String name : files(dir)) {
      Path f = dir.resolve(name);
      files.put(name, new Entry(Files.size(f), Checksums.sha256(f)));
    }
    Content c = new Content(VERSION, kind, formatVersion, files);
    AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(c) + "\n");
    return c;
  }

  /**
   * Checks {@code dir} against its manifest: the kind and format version, and every file's size
   * and SHA-256, with no file missing or unlisted. Throws an IOException that names the directory
   * and the file and ends with {@code rebuild}, the command that makes a sound one.
   */
  public static Content verify(Path dir, String kind, int formatVersion, String rebuild) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw refused(kind, dir, "has no " + FILE + " (it was saved by an older memqa, or not completely)", rebuild);
    }
    Content c;
    try {
      c = JSON.readValue(file.toFile(), Content.class);
    } catch (IOException e) {
      throw refused(kind, dir, "has an unreadable " + FILE, rebuild);
    }
    if (c.files() == null || c.kind() == null) {
      throw refused(kind, dir, "has an incomplete " + FILE, rebuild);
    }
    if (!kind.equals(c.kind())) {
      throw refused(kind, dir, "holds a " + c.kind() + " instead", rebuild);
    }
    if (c.formatVersion() != formatVersion) {
      throw refused(kind, dir, "has format " + c.formatVersion() + " but this memqa reads format " + formatVersion, rebuild);
    }
    for (String name : files(dir)) {
      if (!c.files().containsKey(name)) {
        throw refused(kind, dir, "holds " + name + ", which its " + FILE + " does not list (changed after it was saved?)", rebuild);
      }
    }
    for (Map.Entry<String, Entry> e : c.files().entrySet()) {
      Path f = dir.resolve(e.getKey()).normalize();
      if (!f.startsWith(dir.normalize()) || !Files.isRegularFile(f)) {
        throw refused(kind, dir, "is missing " + e.getKey(), rebuild);
      }
      long size = Files.size(f);
      if (size != e.getValue().size()) {
        throw refused(kind, dir, "has a damaged " + e.getKey() + " (" + size + " bytes, saved with " + e.getValue().size() + ")", rebuild);
      }
      if (!Checksums.sha256(f).equalsIgnoreCase(e.getValue().sha256())) {
        throw refused(kind, dir, "has a damaged " + e.getKey() + " (its SHA-256 differs from the one saved with it)", rebuild);
      }
    }
    return c;
  }

  /** The files under {@code dir}, as relative paths with '/', the manifest left out. */
  private static List<String> files(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          String rel = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
          if (!rel.equals(FILE)) {
            names.add(rel);
          }
        }
      }
    }
    names.sort(null);
    return names;
  }

  private static IOException refused(String kind, Path dir, String why, String rebuild) {
    return new IOException(kind + " at " + dir + " " + why + ": refusing to load it; rebuild it with " + rebuild);
  }
}

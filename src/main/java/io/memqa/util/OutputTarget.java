package io.memqa.util;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory memqa writes as a whole (an index, a model, an evaluation run) and may therefore
 * replace. {@link #check} allows only what memqa itself would have written there: nothing yet, an
 * empty directory, or a directory holding one of the kind's marker files. Anything else (a
 * regular file, a directory of someone's documents) is refused before any work starts, so that
 * nothing a user owns is ever deleted or overwritten.
 */
public final class OutputTarget {
  private final String kind;
  private final List<String> markers;

  private OutputTarget(String kind, List<String> markers) {
    this.kind = kind;
    this.markers = markers;
  }

  /** A kind of output directory, e.g. ("memqa index", "index-stats.json"). */
  public static OutputTarget directory(String kind, String... markers) {
    if (markers.length == 0) {
      throw new IllegalArgumentException("an output kind needs at least one marker file");
    }
    return new OutputTarget(kind, List.of(markers));
  }

  public String kind() {
    return kind;
  }

  /** True if {@code dir} is a directory of this kind (holds one of its marker files). */
  public boolean holds(Path dir) {
    return markers.stream().anyMatch(m -> Files.isRegularFile(dir.resolve(m), LinkOption.NOFOLLOW_LINKS));
  }

  /**
   * Refuses {@code target} unless memqa may write this kind of output there: it does not exist,
   * or it is an empty directory, or a directory of this kind. Also refuses a location whose parent
   * cannot be a directory. The message says what is there and what to do.
   */
  public void check(Path target) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    for (Path p = abs.getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        throw new BadInputException("cannot write " + abs + ": " + p + " is a file, not a directory; choose another location");
      }
    }
    if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
      throw refused(abs, "it is " + (Files.isSymbolicLink(abs) ? "a symbolic link" : "a file") + ", not a " + kind + " directory");
    }
    if (holds(abs)) {
      return;
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(abs)) {
      for (Path e : entries) {
        names.add(e.getFileName().toString());
      }
    }
    if (!names.isEmpty()) {
      names.sort(null);
      String shown = String.join(", ", names.subList(0, Math.min(3, names.size()))) + (names.size() > 3 ? ", ..." : "");
      throw refused(abs, "it holds files that are not a " + kind + " (" + shown + ")");
    }
  }

  private BadInputException refused(Path target, String why) {
    return new BadInputException("refusing to write a " + kind + " to " + target + ": " + why
        + "; memqa only replaces its own output. Choose another output location, or move that one away first");
  }
}

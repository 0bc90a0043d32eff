package io.memqa.data;

import io.memqa.corpus.ConcatPassageReader;
import io.memqa.corpus.CorpusFormat;
import io.memqa.corpus.PassageReader;
import io.memqa.util.Checksums;
import io.memqa.util.MemqaHome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds fetched datasets in the data directory by name, with a clear message when missing. */
public final class Datasets {
  private final Manifest manifest;
  private final Path dataDir;

  public Datasets(Manifest manifest, Path dataDir) {
    this.manifest = manifest;
    this.dataDir = dataDir;
  }

  /** The datasets of the bundled manifest in memqa's data directory. */
  public static Datasets local() {
    return new Datasets(Manifest.bundled(), MemqaHome.data());
  }

  public Manifest manifest() {
    return manifest;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The files of a named corpus, each checked to be present. */
  public List<Path> corpusFiles(String name) throws IOException {
    Manifest.Corpus c = manifest.corpus(name);
    List<Path> files = new ArrayList<>();
    for (String p : c.paths()) {
      files.add(present(c.dataset(), p));
    }
    return files;
  }

  public CorpusFormat corpusFormat(String name) {
    return CorpusFormat.parse(manifest.corpus(name).format());
  }

  /** Opens a named corpus as one stream of passages. */
  public PassageReader openCorpus(String name, boolean skipBad) throws IOException {
    CorpusFormat format = corpusFormat(name);
    List<PassageReader> readers = new ArrayList<>();
    try {
      for (Path f : corpusFiles(name)) {
        readers.add(format.open(f, skipBad));
      }
    } catch (IOException | RuntimeException e) {
      new ConcatPassageReader(readers).close();
      throw e;
    }
    return new ConcatPassageReader(readers);
  }

  /** Whether {@code nameOrPath} names a known question set (rather than a file). */
  public boolean isKnownQuestionSet(String nameOrPath) {
    return manifest.questionSets().containsKey(nameOrPath);
  }

  /** The file of a named question set, or the path itself when it is not a known name. */
  public Path questionFile(String nameOrPath) throws IOException {
    if (isKnownQuestionSet(nameOrPath)) {
      Manifest.QuestionSet q = manifest.questionSet(nameOrPath);
      if (q.bundled()) {
        throw new IllegalArgumentException("question set '" + nameOrPath + "' is bundled with memqa and has no "
            + "file of its own; this command needs a fetched set such as squad-train");
      }
      return present(q.dataset(), q.path());
    }
    Path p = Path.of(nameOrPath);
    if (!Files.isRegularFile(p)) {
      throw new IOException(
          "'" + nameOrPath + "' is neither a known question set ("
              + String.join(", ", manifest.questionSets().keySet()) + ") nor a file");
    }
    return p;
  }

  /** Opens questions by set name or path; {@code format} may be null to use the set's or detect it. */
  public QuestionReader openQuestions(String nameOrPath, String format) throws IOException {
    if (isKnownQuestionSet(nameOrPath) && manifest.questionSet(nameOrPath).bundled()) {
      return openBundled(nameOrPath, format);
    }
    Path file = questionFile(nameOrPath);
    QuestionFormat f;
    if (format != null) {
      f = QuestionFormat.parse(format);
    } else if (isKnownQuestionSet(nameOrPath)) {
      f = QuestionFormat.parse(manifest.questionSet(nameOrPath).format());
    } else {
      f = QuestionFormat.detect(file);
    }
    return f.open(file);
  }

  /** A question set shipped inside memqa (in the jar, from data/ of the source tree). */
  private QuestionReader openBundled(String name, String format) {
    Manifest.QuestionSet q = manifest.questionSet(name);
    String resource = q.resource().startsWith("/") ? q.resource() : "/" + q.resource();
    InputStream in = Datasets.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("bundled question set '" + name + "' (" + resource + ") is missing from the "
          + "classpath: rebuild memqa with ./mvnw -B package");
    }
    QuestionFormat f = QuestionFormat.parse(format != null ? format : q.format());
    return f.open(in, "memqa:" + q.resource(), Path.of(q.resource()).getFileName().toString());
  }

  /** One digest over several files, in order: identifies exactly what an index was built from. */
  public static String combinedChecksum(List<Path> files) throws IOException {
    if (files.size() == 1) {
      return Checksums.sha256(files.get(0));
    }
    StringBuilder all = new StringBuilder();
    for (Path f : files) {
      all.append(Checksums.sha256(f)).append('\n');
    }
    byte[] digest = Checksums.newDigest().digest(all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return java.util.HexFormat.of().formatHex(digest);
  }

  private Path present(String dataset, String relative) throws IOException {
    Path f = dataDir.resolve(relative);
    if (!Files.isRegularFile(f)) {
      throw new IOException(
          "dataset '" + dataset + "' is not fetched (" + f + " is missing): run ./memqa data fetch "
              + dataset + " [--from DIR]");
    }
    return f;
  }
}

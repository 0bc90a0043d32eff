package io.memqa.data;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dataset manifest ({@code data/manifest.json}, also packaged in the jar): every dataset's
 * files with official address, size and SHA-256, plus the named corpora and question sets built
 * from them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
    String description,
    Map<String, Dataset> datasets,
    Map<String, Corpus> corpora,
    Map<String, QuestionSet> questionSets) {

  public Manifest {
    datasets = datasets == null ? Map.of() : new TreeMap<>(datasets);
    corpora = corpora == null ? Map.of() : new TreeMap<>(corpora);
    questionSets = questionSets == null ? Map.of() : new TreeMap<>(questionSets);
  }

  /** A downloadable dataset: plain files, or members of one archive. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Dataset(String description, String license, String archive, List<FileEntry> files) {
    public Dataset {
      files = files == null ? List.of() : List.copyOf(files);
    }
  }

  /** One file: where it lands, where it comes from, and the digests that are accepted. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record FileEntry(
      String path, String url, String member, Long size, String sha256, List<Alternate> alternates) {
    public FileEntry {
      alternates = alternates == null ? List.of() : List.copyOf(alternates);
    }

    /** The official digest first, then known alternates (e.g. a rebuilt mirror copy). */
    public List<Alternate> accepted() {
      List<Alternate> all = new ArrayList<>();
      all.add(new Alternate(size, sha256, "official release"));
      all.addAll(alternates);
      return all;
    }
  }

  /** Another accepted version of a file, with why it differs from the official one. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Alternate(Long size, String sha256, String note) {}

  /** A passage corpus made of dataset files in one format. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Corpus(String dataset, String format, List<String> paths) {}

  /**
   * A question file in a known format: in a fetched dataset ({@code dataset} and {@code path}
   * under data/), or bundled with memqa ({@code resource} on the classpath; no fetch needed).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record QuestionSet(String dataset, String format, String path, String resource, String description) {
    public boolean bundled() {
      return resource != null;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The manifest packaged with memqa. */
  public static Manifest bundled() {
    try (InputStream in = Manifest.class.getResourceAsStream("/manifest.json")) {
      if (in == null) {
        throw new IllegalStateException("manifest.json is missing from the classpath");
      }
      return JSON.readValue(in, Manifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled manifest", e);
    }
  }

  public static Manifest read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return JSON.readValue(in, Manifest.class);
    }
  }

  public Dataset dataset(String name) {
    Dataset d = datasets.get(name);
    if (d == null) {
      throw new IllegalArgumentException(
          "unknown dataset '" + name + "' (known: " + String.join(", ", datasets.keySet()) + ")");
    }
    return d;
  }

  public Corpus corpus(String name) {
    Corpus c = corpora.get(name);
    if (c == null) {
      throw new IllegalArgumentException(
          "unknown corpus '" + name + "' (known: " + String.join(", ", corpora.keySet()) + ")");
    }
    return c;
  }

  public QuestionSet questionSet(String name) {
    QuestionSet q = questionSets.get(name);
    if (q == null) {
      throw new IllegalArgumentException(
          "unknown question set '" + name + "' (known: " + String.join(", ", questionSets.keySet()) + ")");
    }
    return q;
  }
}

package io.memqa.data;

import io.memqa.util.BadInputException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.util.Names;
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

  /**
   * A downloadable dataset: plain files, or members of one archive. A dataset with parameters
   * (a Wikipedia dump's date) names them in its paths and addresses as {@code {name}}; they are
   * filled in by {@link #with}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Dataset(
      String description, String license, String archive, List<FileEntry> files, Map<String, Parameter> parameters) {
    public Dataset {
      files = files == null ? List.of() : List.copyOf(files);
      parameters = parameters == null ? Map.of() : new TreeMap<>(parameters);
    }

    public Dataset(String description, String license, String archive, List<FileEntry> files) {
      this(description, license, archive, files, null);
    }

    /** This dataset with its parameters filled in; each must be given and match its pattern. */
    public Dataset with(String name, Map<String, String> values) {
      for (String given : values.keySet()) {
        if (!parameters.containsKey(given)) {
          throw new BadInputException("dataset '" + name + "' takes no --" + given);
        }
      }
      List<FileEntry> filled = new ArrayList<>();
      for (FileEntry f : files) {
        FileEntry e = f;
        for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
          String v = values.get(p.getKey());
          if (v == null || !v.matches(p.getValue().pattern())) {
            throw new BadInputException("dataset '" + name + "' needs --" + p.getKey() + " " + p.getValue().description()
                + (v == null ? "" : ", got '" + v + "'"));
          }
          e = e.fill("{" + p.getKey() + "}", v);
        }
        filled.add(e);
      }
      return new Dataset(description, license, archive, filled, parameters);
    }
  }

  /** A value a dataset needs at fetch time (as --NAME), the pattern it must match and what it is. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Parameter(String pattern, String description) {}

  /**
   * One file: where it lands, where it comes from, and the digests that are accepted. A file too
   * large for a fixed digest here has none; it is checked instead against the SHA-1 published at
   * {@code sha1sums} (a Wikipedia dump's "sha1sums.txt"), or, where nothing is published, by
   * {@code check}: "gzip" reads it through to test every member's CRC and length.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record FileEntry(
      String path, String url, String member, Long size, String sha256, List<Alternate> alternates,
      String sha1sums, String check) {
    public FileEntry {
      alternates = alternates == null ? List.of() : List.copyOf(alternates);
    }

    public FileEntry(String path, String url, String member, Long size, String sha256, List<Alternate> alternates) {
      this(path, url, member, size, sha256, alternates, null, null);
    }

    /** Whether this file is checked by a published SHA-1 or a format check rather than a SHA-256 here. */
    public boolean isLarge() {
      return sha256 == null;
    }

    FileEntry fill(String placeholder, String value) {
      return new FileEntry(replace(path, placeholder, value), replace(url, placeholder, value), member, size, sha256,
          alternates, replace(sha1sums, placeholder, value), check);
    }

    private static String replace(String s, String placeholder, String value) {
      return s == null ? null : s.replace(placeholder, value);
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

  /**
   * A passage corpus made of dataset files in one format; {@code dense}: whether {@code index
   * --dataset NAME} stores passage vectors unless told otherwise (small corpora only: encoding
   * costs about 15 ms of CPU per passage).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Corpus(String dataset, String format, List<String> paths, boolean dense) {}

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

  /** The dataset named {@code name} (any case); unknown names are refused with a suggestion. */
  public Dataset dataset(String name) {
    return datasets.get(datasetName(name));
  }

  /** The manifest's spelling of a dataset name given in any case. */
  public String datasetName(String name) {
    return Names.resolve("dataset", name, datasets.keySet());
  }

  public Corpus corpus(String name) {
    return corpora.get(corpusName(name));
  }

  /** The manifest's spelling of a corpus name given in any case. */
  public String corpusName(String name) {
    return Names.resolve("corpus", name, corpora.keySet());
  }

  public QuestionSet questionSet(String name) {
    return questionSets.get(questionSetName(name));
  }

  /** The manifest's spelling of a question set name given in any case. */
  public String questionSetName(String name) {
    return Names.resolve("question set", name, questionSets.keySet());
  }

  /** Whether {@code name} is a known question set, in any case. */
  public boolean hasQuestionSet(String name) {
    return name != null && questionSets.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name.strip()));
  }
}

package io.memqa.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The passage file formats memqa reads. */
public enum CorpusFormat {
  /** SQuAD v1.1 JSON: every paragraph of every article becomes a passage. */
  SQUAD("squad"),
  /** JSON lines with {"id","title","text"} (WikiExtractor's {"id","url","title","text"} too). */
  JSONL("jsonl"),
  /** DPR's passage TSV: id, text, title, with a header row. */
  DPR_TSV("dpr-tsv");

  private final String cliName;

  CorpusFormat(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  public static CorpusFormat parse(String name) {
    for (CorpusFormat f : values()) {
      if (f.cliName.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown corpus format '" + name + "' (expected squad, jsonl or dpr-tsv)");
  }

  /** Opens {@code file} in this format; {@code skipBad} counts malformed records instead of failing. */
  public PassageReader open(Path file, boolean skipBad) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("corpus file not found: " + file);
    }
    return switch (this) {
      case SQUAD -> new SquadPassageReader(file, skipBad);
      case JSONL -> new JsonlPassageReader(file, skipBad);
      case DPR_TSV -> new DprTsvPassageReader(file, skipBad);
    };
  }

  /** Guesses the format from the file name, for when none is given. */
  public static CorpusFormat guess(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".tsv")) {
      return DPR_TSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return JSONL;
    }
    return SQUAD;
  }
}

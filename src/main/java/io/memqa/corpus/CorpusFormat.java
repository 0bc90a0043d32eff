package io.memqa.corpus;

import io.memqa.util.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The passage file formats memqa reads. */
public enum CorpusFormat {
  /** SQuAD v1.1 JSON: every paragraph of every article becomes a passage. */
  SQUAD("squad"),
  /** JSON lines with {"id","title","text"} (WikiExtractor's {"id","url","title","text"} too). */
  JSONL("jsonl"),
  /** DPR's passage TSV: id, text, title, with a header row (psgs_w100.tsv, gzipped or not). */
  DPR_TSV("dpr-tsv"),
  /** An official MediaWiki XML dump (pages-articles, bzip2-compressed or plain): articles only. */
  MEDIAWIKI("mediawiki");

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
    throw new BadInputException(
        "unknown corpus format '" + name + "' (expected squad, jsonl, dpr-tsv or mediawiki)");
  }

  /**
   * Whether a record of this format is a whole document (an article) to be cut into passages;
   * SQuAD paragraphs and DPR passages are passages already.
   */
  public boolean isDocuments() {
    return this == JSONL || this == MEDIAWIKI;
  }

  /** Opens {@code file} with documents cut into passages of the default length. */
  public PassageReader open(Path file, boolean skipBad) throws IOException {
    return open(file, skipBad, PassageSplitter.DEFAULT_WORDS);
  }

  /**
   * Opens {@code file} in this format; {@code skipBad} counts malformed records instead of failing;
   * documents are cut into passages of about {@code passageWords} words (0: kept whole).
   */
  public PassageReader open(Path file, boolean skipBad, int passageWords) throws IOException {
    if (Files.isDirectory(file)) {
      throw new BadInputException(file + " is a directory, not a corpus file: give one file in " + cliName + " format");
    }
    if (!Files.isRegularFile(file)) {
      throw new BadInputException("corpus file not found: " + file + " (check the path)");
    }
    PassageSplitter splitter = passageWords == 0 || !isDocuments() ? null : new PassageSplitter(passageWords);
    return switch (this) {
      case SQUAD -> new SquadPassageReader(file, skipBad);
      case JSONL -> split(new JsonlPassageReader(file, skipBad), splitter);
      case DPR_TSV -> new DprTsvPassageReader(file, skipBad);
      case MEDIAWIKI -> new MediaWikiPassageReader(file, skipBad, splitter, Runtime.getRuntime().availableProcessors());
    };
  }

  private static PassageReader split(PassageReader documents, PassageSplitter splitter) {
    return splitter == null ? documents : new SplittingPassageReader(documents, splitter);
  }

  /**
   * Guesses the format, for when none is given: from the file name's extension, else from the
   * first line (a JSON object alone on it is JSON lines, a tab means TSV). A file that is not text
   * is refused here, with its name, rather than failing later in a parser.
   */
  public static CorpusFormat guess(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    if (name.endsWith(".xml") || name.endsWith(".xml.bz2")) {
      return MEDIAWIKI;
    }
    if (name.endsWith(".tsv")) {
      return DPR_TSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return JSONL;
    }
    if (name.endsWith(".json")) {
      return SQUAD;
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(SNIFF_BYTES);
    }
    String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
        .decode(ByteBuffer.wrap(head)).toString();
    if (text.indexOf('\0') >= 0 || text.chars().filter(c -> c == '\uFFFD').count() > head.length / 100 + 1) {
      throw new CorpusException(file, 1, "not a text file (binary data): a corpus is SQuAD JSON, JSON lines, DPR's TSV or a MediaWiki XML dump");
    }
    String first = text.strip().lines().findFirst().orElse("").strip();
    if (first.startsWith("{") && first.endsWith("}")) {
      return JSONL;
    }
    if (first.contains("\t")) {
      return DPR_TSV;
    }
    return SQUAD;
  }

  private static final int SNIFF_BYTES = 8192;
}

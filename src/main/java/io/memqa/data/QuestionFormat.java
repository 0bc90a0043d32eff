package io.memqa.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The question file formats memqa reads. */
public enum QuestionFormat {
  /** SQuAD v1.1 JSON (questions tied to their paragraphs). */
  SQUAD("squad"),
  /** JSON lines {"question", "answer": [...]} with literal answers (NQ-open, EfficientQA). */
  NQ_JSONL("nq-jsonl"),
  /** The same JSON lines with regular-expression answers (DPR's CuratedTREC topics). */
  NQ_JSONL_REGEX("nq-jsonl-regex"),
  /** DPR question TSV: question, then a Python list of answers. */
  DPR_TSV("dpr-tsv"),
  /** CuratedTREC TSV: id, type, question, answer regex. */
  TREC_TSV("trec-tsv"),
  /** WikiMovies: "1 question" TAB comma-separated answers. */
  WIKIMOVIES("wikimovies"),
  /** memqa's JSON lines {"id", "question", "answers", "passageId"}; empty answers: unanswerable. */
  QA_JSONL("qa-jsonl");

  private final String cliName;

  QuestionFormat(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  public static QuestionFormat parse(String name) {
    for (QuestionFormat f : values()) {
      if (f.cliName.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown question format '" + name + "'; known formats: " + names());
  }

  /** The command-line names, comma-separated. */
  static String names() {
    return Arrays.stream(values()).map(QuestionFormat::cliName).collect(Collectors.joining(", "));
  }

  public QuestionReader open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("question file not found: " + file);
    }
    return switch (this) {
      case SQUAD -> new SquadQuestionReader(file);
      case NQ_JSONL -> new NqJsonlQuestionReader(file, Question.AnswerKind.TEXT);
      case NQ_JSONL_REGEX -> new NqJsonlQuestionReader(file, Question.AnswerKind.REGEX);
      case DPR_TSV -> new DprTsvQuestionReader(file);
      case TREC_TSV -> new TrecTsvQuestionReader(file);
      case WIKIMOVIES -> new WikiMoviesQuestionReader(file);
      case QA_JSONL -> new QaJsonlQuestionReader(file);
    };
  }

  /**
   * Reads questions bundled with memqa from {@code in} (closed with the reader); {@code where}
   * names them in messages. Only memqa's own format is bundled.
   */
  public QuestionReader open(InputStream in, String where, String fileName) {
    if (this != QA_JSONL) {
      throw new IllegalArgumentException("bundled question sets are in qa-jsonl format, not " + cliName);
    }
    return new QaJsonlQuestionReader(in, where, fileName);
  }

  /**
   * Detects the format from the first non-blank lines. JSON lines give NQ_JSONL: whether answers
   * are regexes cannot be seen, so regex sets name "nq-jsonl-regex" in the manifest or --format.
   */
  public static QuestionFormat detect(Path file) throws IOException {
    return QuestionFormatDetector.detect(file);
  }
}

package io.memqa.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The question file formats memqa reads. */
public enum QuestionFormat {
  /** SQuAD v1.1 JSON (questions tied to their paragraphs). */
  SQUAD("squad");

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
    throw new IllegalArgumentException("unknown question format '" + name + "'");
  }

  public QuestionReader open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("question file not found: " + file);
    }
    return switch (this) {
      case SQUAD -> new SquadQuestionReader(file);
    };
  }

  /** Detects the format of a file from its first bytes. */
  public static QuestionFormat detect(Path file) throws IOException {
    return SQUAD;
  }
}

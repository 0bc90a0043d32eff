package io.memqa.corpus;

import com.fasterxml.jackson.databind.JsonNode;

/** One paragraph of a SQuAD file with its questions still as JSON ("qas"), and its source line. */
public record SquadParagraph(String passageId, String title, String context, JsonNode qas, long line) {
  public Passage passage() {
    return new Passage(passageId, title, context);
  }
}

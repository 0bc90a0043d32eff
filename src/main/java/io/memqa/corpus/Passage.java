package io.memqa.corpus;

/** One retrievable unit of text: a Wikipedia paragraph or passage, with its stable id and title. */
public record Passage(String id, String title, String text) {
  public Passage {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("passage id must not be blank");
    }
    title = title == null ? "" : title;
    if (text == null) {
      throw new IllegalArgumentException("passage " + id + " has no text");
    }
  }
}

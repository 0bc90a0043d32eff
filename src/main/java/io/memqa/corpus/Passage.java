package io.memqa.corpus;

/**
 * One retrievable unit of text: a Wikipedia paragraph or passage, with its stable id and title,
 * and the id of the document (article) it was cut from, so that answers can cite the article. A
 * passage that is a whole record of its corpus (a SQuAD paragraph, a DPR passage) is its own
 * document: its document id is its id.
 */
public record Passage(String id, String title, String text, String docId) {
  public Passage {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("passage id must not be blank");
    }
    title = title == null ? "" : title;
    if (text == null) {
      throw new IllegalArgumentException("passage " + id + " has no text");
    }
    docId = docId == null || docId.isBlank() ? id : docId;
  }

  /** A passage that is its own document. */
  public Passage(String id, String title, String text) {
    this(id, title, text, id);
  }
}

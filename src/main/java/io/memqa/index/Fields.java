package io.memqa.index;

/** The Lucene field names of a memqa passage index. */
public final class Fields {
  public static final String ID = "id";
  public static final String TITLE = "title";
  /** The passage text, stored only (searching goes through {@link #CONTENTS}). */
  public static final String TEXT = "text";
  /** The id of the document (article) a passage was cut from, stored only, so answers can cite it. */
  public static final String DOC_ID = "docid";
  /** Title and text together, indexed only: what BM25 scores. */
  public static final String CONTENTS = "contents";
  /**
   * A sentence vector for dense retrieval; only in dense indexes. On the passage's own document
   * (title and whole text), or with windows on child documents before it, one per window.
   */
  public static final String VECTOR = "vector";
  /** Lucene's parent field of an index with windows: set on passage documents, not on their windows. */
  public static final String PASSAGE = "passage";

  private Fields() {}
}

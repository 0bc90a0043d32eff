package io.memqa.index;

/** The Lucene field names of a memqa passage index. */
public final class Fields {
  public static final String ID = "id";
  public static final String TITLE = "title";
  public static final String TEXT = "text";

  private Fields() {}
}

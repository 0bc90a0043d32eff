package io.memqa.index;

import io.memqa.util.BadInputException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The analyzers an index can be built with. The name is recorded in the index so that queries are
 * analysed exactly as the passages were.
 */
public enum Analyzers {
  /** Standard tokenizer, lower case, English stop words, possessives, Porter stemming. */
  ENGLISH("english"),
  /** Standard tokenizer and lower case only: no stemming, no stop words. */
  STANDARD("standard");

  private final String id;

  Analyzers(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public Analyzer create() {
    return switch (this) {
      case ENGLISH -> new EnglishAnalyzer();
      case STANDARD -> new StandardAnalyzer(CharArraySet.EMPTY_SET);
    };
  }

  public static Analyzers parse(String id) {
    for (Analyzers a : values()) {
      if (a.id.equalsIgnoreCase(id)) {
        return a;
      }
    }
    throw new BadInputException("unknown analyzer '" + id + "' (expected english or standard)");
  }
}

package io.memqa.retrieve;

import io.memqa.index.Fields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * A question as BM25 sees it: its analysed terms and how often each occurs (a term asked twice
 * weighs twice). Every BM25 retriever builds its query from this bag, so that the Lucene index
 * and OpenSearch score the same terms with the same weights; nothing is parsed as query syntax.
 */
final class QueryTerms {
  /** Most distinct query terms used; the rest of a very long question is ignored. */
  static final int MAX_TERMS = 400;

  private QueryTerms() {}

  /** The terms of {@code text} in order of first occurrence, with their counts. */
  static Map<String, Integer> of(Analyzer analyzer, String text) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (TokenStream ts = analyzer.tokenStream(Fields.TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        String t = term.toString();
        if (counts.size() < MAX_TERMS || counts.containsKey(t)) {
          counts.merge(t, 1, Integer::sum);
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot analyse question", e);
    }
    return counts;
  }
}

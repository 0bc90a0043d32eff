package io.memqa.corpus;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wikiclean.WikiClean;

/**
 * Wiki markup to plain text, with Anserini's choice of library, wikiclean: templates, tables,
 * references, comments, files, categories and interlanguage links go; link texts stay. Around
 * it, memqa cuts the article's back matter (See also, References, ...) and drops section
 * headings, which are not sentences and would only start passages with a stray phrase.
 * Thread-safe.
 */
final class WikiTextCleaner {
  private static final Pattern HEADING = Pattern.compile("(?m)^[ \\t]*(=+)[ \\t]*(.*?)[ \\t]*\\1[ \\t]*$");
  private static final Pattern BACK_MATTER =
      Pattern.compile(
          "(?i)(see also|references|notes|notes and references|footnotes|citations|sources|works cited"
              + "|bibliography|further reading|external links|related pages)");
  private static final Pattern LIST_MARK = Pattern.compile("(?m)^[*#:;]+[ \\t]*");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t\\u00a0]*(\\n[ \\t\\u00a0]*)+");

  // wikiclean keeps its settings in the instance; one per thread to stay clear of any state.
  private final ThreadLocal<WikiClean> wikiclean =
      ThreadLocal.withInitial(() -> new WikiClean.Builder().withTitle(false).withFooter(false).build());

  /** The plain text of an article's wiki markup: paragraphs separated by blank lines. */
  String clean(String title, String wikitext) {
    String body = withoutHeadings(wikitext);
    // wikiclean reads a page as it appears in the dump's XML: escaped, in a text element.
    String page = "<title>" + escape(title) + "</title>\n<text xml:space=\"preserve\">" + escape(body) + "</text>";
    String text = wikiclean.get().clean(page).replace('\u00a0', ' ');
    text = LIST_MARK.matcher(text).replaceAll("");
    return BLANK_LINES.matcher(text).replaceAll("\n\n").strip();
  }

  /** Drops every heading line, and everything from the first back-matter heading on. */
  private static String withoutHeadings(String wikitext) {
    StringBuilder out = new StringBuilder(wikitext.length());
    Matcher m = HEADING.matcher(wikitext);
    int from = 0;
    while (m.find()) {
      out.append(wikitext, from, m.start()).append('\n');
      from = m.end();
      if (BACK_MATTER.matcher(m.group(2)).matches()) {
        return out.toString();
      }
    }
    return out.append(wikitext, from, wikitext.length()).toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

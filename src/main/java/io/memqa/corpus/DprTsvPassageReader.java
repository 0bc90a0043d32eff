package io.memqa.corpus;

import java.io.IOException;
import java.nio.file.Path;

/**
 * DPR's passage TSV (psgs_w100.tsv): a header "id, text, title", then one passage a line. Fields
 * may be wrapped in double quotes with "" as an escaped quote.
 */
final class DprTsvPassageReader extends LinePassageReader {
  private boolean headerSeen;

  DprTsvPassageReader(Path file, boolean skipBad) throws IOException {
    super(file, skipBad);
  }

  @Override
  Passage parse(String line, long lineNumber) {
    String[] f = line.split("\t", -1);
    if (!headerSeen) {
      headerSeen = true;
      if (f.length >= 3 && f[0].trim().equalsIgnoreCase("id") && f[1].trim().equalsIgnoreCase("text")) {
        return null;
      }
      throw bad(lineNumber, "expected the header row \"id<TAB>text<TAB>title\"");
    }
    if (f.length != 3) {
      throw bad(lineNumber, "expected 3 tab-separated fields (id, text, title), found " + f.length);
    }
    String id = unquote(f[0]).trim();
    if (id.isEmpty()) {
      throw bad(lineNumber, "empty id");
    }
    return new Passage(id, unquote(f[2]), unquote(f[1]));
  }

  static String unquote(String s) {
    if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
      return s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }
    return s;
  }
}

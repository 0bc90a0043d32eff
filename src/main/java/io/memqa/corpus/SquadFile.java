package io.memqa.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.util.CountingInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Streams the paragraphs of a SQuAD v1.1 file ({"data":[{"title","paragraphs":[{"context","qas"}]}]})
 * one at a time. Paragraph ids are "PREFIX-ARTICLE-PARAGRAPH" (for example "dev-0-3"), where the
 * prefix comes from the file name ("train", "dev", ...): stable across runs and safe in URLs.
 */
public final class SquadFile implements Iterator<SquadParagraph>, Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private final String prefix;
  private final boolean skipBad;
  private final CountingInputStream counter;
  private final JsonParser parser;
  private int article = -1;
  private int paragraph;
  private String title;
  private boolean inParagraphs;
  private boolean done;
  private long skipped;
  private SquadParagraph pending;

  public SquadFile(Path file, boolean skipBad) throws IOException {
    this.file = file;
    this.prefix = idPrefix(file);
    this.skipBad = skipBad;
    this.counter = new CountingInputStream(Files.newInputStream(file));
    this.parser = new JsonFactory().createParser(counter);
    parser.setCodec(JSON);
    try {
      enterDataArray();
    } catch (JsonParseException e) {
      parser.close();
      throw malformed(e);
    } catch (IOException | RuntimeException e) {
      parser.close();
      throw e;
    }
  }

  /** "train-v1.1.json" gives "train", "dev-v1.1.json" gives "dev", "My File.json" gives "myfile". */
  public static String idPrefix(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    int cut = name.length();
    for (char c : new char[] {'-', '.', '_'}) {
      int i = name.indexOf(c);
      if (i > 0) {
        cut = Math.min(cut, i);
      }
    }
    String p = name.substring(0, cut).replaceAll("[^a-z0-9]", "");
    return p.isEmpty() ? "squad" : p;
  }

  private void enterDataArray() throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw bad("expected a JSON object with a \"data\" array");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("data".equals(field)) {
        if (value != JsonToken.START_ARRAY) {
          throw bad("\"data\" must be an array");
        }
        return;
      }
      parser.skipChildren();
    }
    throw bad("no \"data\" array found");
  }

  /** A JSON syntax error with the file and line it is on. */
  private CorpusException malformed(JsonParseException e) {
    return new CorpusException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
        "malformed JSON: " + e.getOriginalMessage() + " (is this a SQuAD JSON file? if not, give --format)", e);
  }

  private CorpusException bad(String reason) {
    return new CorpusException(file, parser.currentLocation().getLineNr(), reason);
  }

  @Override
  public boolean hasNext() {
    try {
      while (pending == null && !done) {
        advance();
      }
    } catch (JsonParseException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return pending != null;
  }

  private void advance() throws IOException {
    if (!inParagraphs) {
      JsonToken t = parser.nextToken();
      if (t == JsonToken.END_ARRAY || t == null) {
        done = true;
        return;
      }
      if (t != JsonToken.START_OBJECT) {
        throw bad("each article must be a JSON object");
      }
      article++;
      paragraph = 0;
      title = "";
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("title".equals(field) && value == JsonToken.VALUE_STRING) {
          title = parser.getText().replace('_', ' ');
        } else if ("paragraphs".equals(field) && value == JsonToken.START_ARRAY) {
          inParagraphs = true;
          return;
        } else {
          parser.skipChildren();
        }
      }
      return; // an article without paragraphs
    }
    JsonToken t = parser.nextToken();
    if (t == JsonToken.END_ARRAY) {
      inParagraphs = false;
      skipRestOfArticle();
      return;
    }
    long line = parser.currentLocation().getLineNr();
    if (t != JsonToken.START_OBJECT) {
      throw bad("each paragraph must be a JSON object");
    }
    JsonNode node = parser.readValueAsTree();
    String id = prefix + "-" + article + "-" + paragraph++;
    JsonNode context = node.get("context");
    if (context == null || !context.isTextual()) {
      if (!skipBad) {
        throw new CorpusException(file, line, "paragraph " + id + " has no \"context\" string");
      }
      skipped++;
      return;
    }
    JsonNode qas = node.get("qas");
    pending = new SquadParagraph(id, title, context.asText(), qas, line);
  }

  private void skipRestOfArticle() throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      parser.nextToken();
      parser.skipChildren();
    }
  }

  @Override
  public SquadParagraph next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    SquadParagraph p = pending;
    pending = null;
    return p;
  }

  public Path file() {
    return file;
  }

  public long skipped() {
    return skipped;
  }

  public long bytesRead() {
    return counter.count();
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}

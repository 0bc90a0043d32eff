package io.memqa.corpus;

import io.memqa.util.CountingInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An official MediaWiki XML dump ({@code enwiki-YYYYMMDD-pages-articles[-multistream].xml[.bz2]})
 * as passages. One thread decompresses (every bz2 stream of a multistream dump) and reads pages
 * with StAX, keeping articles (namespace 0) and skipping redirects; worker threads clean the
 * markup and cut articles into passages. A bounded queue of pages in flight keeps memory flat
 * whatever the dump's size, and passages come out in dump order. {@link #bytesRead()} counts
 * the compressed bytes read, for progress and ETA.
 */
final class MediaWikiPassageReader implements PassageReader {
  private static final Logger LOG = LoggerFactory.getLogger(MediaWikiPassageReader.class);
  private static final int ARTICLE_NAMESPACE = 0;
  /** Pages in flight per worker: enough to keep workers busy, few enough to bound memory. */
  private static final int PAGES_PER_WORKER = 32;
  private static final Future<List<Passage>> END = CompletableFuture.completedFuture(List.of());

  /** One page as read from the dump, before cleaning. */
  private record Page(String id, String title, String wikitext, long line) {}

  private final Path file;
  private final boolean skipBad;
  private final PassageSplitter splitter;
  private final CountingInputStream counter;
  private final InputStream in;
  private final XMLStreamReader xml;
  private final WikiTextCleaner cleaner = new WikiTextCleaner();
  private final ExecutorService workers;
  private final BlockingQueue<Future<List<Passage>>> pages;
  private final Thread producer;
  private final AtomicLong articles = new AtomicLong();
  private final AtomicLong redirects = new AtomicLong();
  private final AtomicLong otherNamespaces = new AtomicLong();
  private final AtomicLong empty = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private List<Passage> current = List.of();
  private int position;
  private boolean done;

  /** {@code splitter} null keeps every article whole, as one passage. */
  MediaWikiPassageReader(Path file, boolean skipBad, PassageSplitter splitter, int threads) throws IOException {
    this.file = file;
    this.skipBad = skipBad;
    this.splitter = splitter;
    this.counter = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    try {
      this.in = isBzip2(file) ? new BZip2CompressorInputStream(counter, true) : counter;
      this.xml = newFactory().createXMLStreamReader(in, "UTF-8");
    } catch (IOException | XMLStreamException e) {
      counter.close();
      throw new IOException(file + " is not a MediaWiki XML dump" + (isBzip2(file) ? " compressed with bzip2" : "") + ": " + e.getMessage(), e);
    }
    int n = Math.max(1, threads);
    this.workers = Executors.newFixedThreadPool(n, r -> daemon(r, "memqa-wikitext"));
    this.pages = new ArrayBlockingQueue<>(n * PAGES_PER_WORKER);
    this.producer = daemon(this::readPages, "memqa-dump-reader");
    producer.start();
  }

  static boolean isBzip2(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bz2");
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** StAX without DTDs or external entities (a dump has neither), and without the JDK's entity-size cap, which real dumps exceed. */
  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    for (String limit : List.of("jdk.xml.totalEntitySizeLimit", "jdk.xml.maxGeneralEntitySizeLimit", "jdk.xml.entityExpansionLimit")) {
      try {
        f.setProperty(limit, 0);
      } catch (IllegalArgumentException e) {
        // not this JDK's parser: its own limits apply
      }
    }
    return f;
  }

  // ---- the reading thread

  private void readPages() {
    try {
      readAll();
      put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (XMLStreamException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
      fail(new CorpusException(file, line, "malformed XML: " + lastLine(e.getMessage())
          + " (a truncated or corrupt dump? fetch it again)", e));
    } catch (IOException e) {
      fail(new CorpusException(file, xml.getLocation().getLineNumber(), "cannot read the dump: " + e.getMessage()
          + " (a truncated or corrupt download? fetch it again)", e));
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void fail(RuntimeException e) {
    try {
      put(CompletableFuture.failedFuture(e));
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }

  private void put(Future<List<Passage>> page) throws InterruptedException {
    pages.put(page);
  }

  private void readAll() throws XMLStreamException, IOException, InterruptedException {
    boolean root = false;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      if (!root) {
        root = true;
        if (!xml.getLocalName().equals("mediawiki")) {
          throw new CorpusException(file, xml.getLocation().getLineNumber(),
              "expected a MediaWiki XML dump (root element <mediawiki>), found <" + xml.getLocalName() + ">");
        }
      } else if (xml.getLocalName().equals("page")) {
        readPage();
      }
    }
    if (!root) {
      throw new CorpusException(file, 1, "empty file: expected a MediaWiki XML dump");
    }
  }

  /** Reads one page element; queues it for cleaning when it is an article. */
  private void readPage() throws XMLStreamException, InterruptedException {
    long line = xml.getLocation().getLineNumber();
    String title = null;
    String id = null;
    String ns = null;
    String text = null;
    boolean redirect = false;
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        String name = xml.getLocalName();
        if (depth == 1 && name.equals("title")) {
          title = xml.getElementText();
        } else if (depth == 1 && name.equals("ns")) {
          ns = xml.getElementText().strip();
        } else if (depth == 1 && name.equals("id")) {
          id = xml.getElementText().strip();
        } else if (depth == 1 && name.equals("redirect")) {
          redirect = true;
          depth++;
        } else if (depth == 2 && name.equals("text") && text == null) {
          text = xml.getElementText();
        } else {
          depth++;
        }
      }
    }
    if (redirect) {
      redirects.incrementAndGet();
      return;
    }
    if (ns != null && !ns.equals(String.valueOf(ARTICLE_NAMESPACE))) {
      otherNamespaces.incrementAndGet();
      return;
    }
    if (id == null || id.isEmpty() || title == null || text == null) {
      CorpusException bad = new CorpusException(file, line, "page without " + (id == null || id.isEmpty() ? "an <id>" : title == null ? "a <title>" : "a revision <text>"));
      if (!skipBad) {
        throw bad;
      }
      skipped.incrementAndGet();
      return;
    }
    if (ns == null && title.indexOf(':') > 0) {
      // Old dumps have no <ns>: "Talk:X", "File:Y" are not articles.
      otherNamespaces.incrementAndGet();
      return;
    }
    Page page = new Page(id, title, text, line);
    put(CompletableFuture.supplyAsync(() -> passages(page), workers));
  }

  // ---- worker threads

  private List<Passage> passages(Page page) {
    String text = cleaner.clean(page.title(), page.wikitext());
    if (text.isBlank()) {
      empty.incrementAndGet();
      return List.of();
    }
    articles.incrementAndGet();
    Passage article = new Passage(page.id(), page.title(), text);
    return splitter == null ? List.of(article) : splitter.split(article);
  }

  // ---- the consumer

  @Override
  public boolean hasNext() {
    while (position == current.size() && !done) {
      Future<List<Passage>> next;
      try {
        next = pages.take();
        if (next == END) {
          done = true;
          logSummary();
          break;
        }
        current = next.get();
        position = 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(new IOException("reading " + file + " was interrupted", e));
      } catch (ExecutionException e) {
        done = true;
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException("cleaning a page of " + file + " failed: " + e.getCause(), e.getCause());
      }
    }
    return position < current.size();
  }

  @Override
  public Passage next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.get(position++);
  }

  private void logSummary() {
    LOG.info("{}: {} articles read; skipped {} redirects, {} pages of other namespaces, {} empty after cleaning{}",
        file.getFileName(), articles.get(), redirects.get(), otherNamespaces.get(), empty.get(),
        skipped.get() > 0 ? ", " + skipped.get() + " malformed" : "");
  }

  /** Articles kept, redirects and other pages skipped, so far. */
  record Counts(long articles, long redirects, long otherNamespaces, long empty) {}

  Counts counts() {
    return new Counts(articles.get(), redirects.get(), otherNamespaces.get(), empty.get());
  }

  @Override
  public long skipped() {
    return skipped.get();
  }

  @Override
  public long bytesRead() {
    return counter.count();
  }

  @Override
  public void close() throws IOException {
    producer.interrupt();
    workers.shutdownNow();
    pages.clear(); // unblocks a reader waiting to queue a page
    try {
      producer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      xml.close();
    } catch (XMLStreamException e) {
      // the stream below is closed next either way
    } finally {
      in.close();
    }
  }

  private static String lastLine(String s) {
    return s == null ? "" : s.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse(s);
  }
}

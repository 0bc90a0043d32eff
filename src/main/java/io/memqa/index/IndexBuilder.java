package io.memqa.index;

import io.memqa.corpus.Passage;
import io.memqa.corpus.PassageReader;
import io.memqa.util.AtomicFiles;
import io.memqa.util.Progress;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;

/**
 * Builds a BM25 passage index, optionally with a dense vector per passage. Worker threads encode
 * and add documents in parallel; the index is written to a temporary sibling directory and
 * swapped into place only when complete, so an interrupted or failed build (even kill -9) leaves
 * the previous index untouched.
 */
public final class IndexBuilder {
  private static final int BATCH = 256;
  private static final int DENSE_BATCH = 32;
  private static final List<Passage> END = List.of();

  /** How to build: analyzer, worker threads, RAM buffer, and whether to merge to one segment. */
  public record Options(Analyzers analyzer, int threads, int ramBufferMb, boolean forceMerge) {
    public Options {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("threads must be between 1 and 64, got " + threads);
      }
      if (ramBufferMb < 16 || ramBufferMb > 2048) {
        throw new IllegalArgumentException("RAM buffer must be 16..2048 MB, got " + ramBufferMb);
      }
    }

    public static Options defaults() {
      return new Options(Analyzers.ENGLISH, Runtime.getRuntime().availableProcessors(), 256, true);
    }
  }

  /** Where the passages come from, recorded in the index stats. */
  public record Source(String format, List<Path> files, String sha256, long totalBytes) {}

  private final Options options;
  private final PassageVectors vectors;

  /** A BM25-only index. */
  public IndexBuilder(Options options) {
    this(options, null);
  }

  /** An index with passage vectors too, when {@code vectors} is not null. */
  public IndexBuilder(Options options, PassageVectors vectors) {
    this.options = options;
    this.vectors = vectors;
  }

  public IndexStats build(PassageReader passages, Source source, Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    java.nio.file.Files.createDirectories(abs.getParent());
    Path lockFile = abs.resolveSibling("." + abs.getFileName() + ".lock");
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(ch)) {
      if (lock == null) {
        throw new IOException("another build of " + abs + " is running");
      }
      AtomicFiles.recover(abs);
      AtomicFiles.removeStaleTemps(abs);
      Path tmp = AtomicFiles.tempSibling(abs);
      try {
        IndexStats stats = buildInto(passages, source, tmp);
        AtomicFiles.replaceDirectory(tmp, abs);
        return stats;
      } finally {
        AtomicFiles.deleteRecursively(tmp);
      }
    }
  }

  /** The build lock, or null when another build holds it (in another process or this one). */
  private static FileLock tryLock(FileChannel ch) throws IOException {
    try {
      return ch.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  private IndexStats buildInto(PassageReader passages, Source source, Path dir) throws IOException {
    long t0 = System.nanoTime();
    IndexWriterConfig cfg = new IndexWriterConfig(options.analyzer().create());
    cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    cfg.setRAMBufferSizeMB(options.ramBufferMb());
    cfg.setUseCompoundFile(false);
    cfg.setCommitOnClose(false);
    if (vectors != null) {
      cfg.setCodec(vectors.format().codec());
    }
    long docs;
    try (FSDirectory fs = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(fs, cfg)) {
      docs = addAll(writer, passages, source.totalBytes());
      if (options.forceMerge()) {
        writer.forceMerge(1);
      }
      writer.commit();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    IndexStats stats =
        new IndexStats(
            docs,
            passages.skipped(),
            Math.round(seconds * 1000) / 1000.0,
            options.analyzer().id(),
            source.format(),
            source.files().stream().map(p -> p.toAbsolutePath().toString()).toList(),
            source.sha256(),
            Instant.now().toString(),
            options.threads(),
            vectors == null ? null : vectors.stats());
    stats.write(dir);
    return stats;
  }

  private long addAll(IndexWriter writer, PassageReader passages, long totalBytes) throws IOException {
    try (Progress progress = Progress.start(vectors == null ? "index (passages)" : "index and encode (passages)", -1)) {
      return addAll(writer, passages, totalBytes, progress);
    }
  }

  /** Reads passages into a queue that the workers empty; the workers count progress as they add. */
  private long addAll(IndexWriter writer, PassageReader passages, long totalBytes, Progress progress)
      throws IOException {
    BlockingQueue<List<Passage>> queue = new ArrayBlockingQueue<>(options.threads() * 4);
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
      Thread t = new Thread(r, "memqa-indexer");
      t.setDaemon(true);
      return t;
    });
    List<Future<?>> workers = new ArrayList<>();
    for (int i = 0; i < options.threads(); i++) {
      workers.add(pool.submit(() -> {
        Document doc = new Document();
        StringField id = new StringField(Fields.ID, "", Field.Store.YES);
        TextField title = new TextField(Fields.TITLE, "", Field.Store.YES);
        StoredField text = new StoredField(Fields.TEXT, "");
        TextField contents = new TextField(Fields.CONTENTS, "", Field.Store.NO);
        doc.add(id);
        doc.add(title);
        doc.add(text);
        doc.add(contents);
        // Unit vectors: the dot product is their cosine, and cheaper.
        KnnFloatVectorField vector = vectors == null ? null
            : new KnnFloatVectorField(Fields.VECTOR, new float[vectors.encoder().dimension()], VectorSimilarityFunction.DOT_PRODUCT);
        if (vector != null) {
          doc.add(vector);
        }
        while (true) {
          List<Passage> batch = queue.take();
          if (batch == END) {
            return null;
          }
          float[][] vs = vectors == null ? null : vectors.encode(batch);
          for (int j = 0; j < batch.size(); j++) {
            Passage p = batch.get(j);
            id.setStringValue(p.id());
            title.setStringValue(p.title());
            text.setStringValue(p.text());
            contents.setStringValue(p.title().isEmpty() ? p.text() : p.title() + "\n" + p.text());
            if (vector != null) {
              vector.setVectorValue(vs[j]);
            }
            writer.addDocument(doc);
          }
          progress.stepBy(batch.size());
        }
      }));
    }
    long count = 0;
    try {
      List<Passage> batch = new ArrayList<>(batchSize());
      while (passages.hasNext()) {
        batch.add(passages.next());
        if (batch.size() == batchSize()) {
          count += put(queue, batch, workers);
          batch = new ArrayList<>(batchSize());
          if (totalBytes > 0 && passages.bytesRead() > 0) {
            progress.maxHint(Math.max(count, count * totalBytes / passages.bytesRead()));
          }
        }
      }
      count += put(queue, batch, workers);
      progress.maxHint(count);
      for (int i = 0; i < options.threads(); i++) {
        putQuietly(queue, END, workers);
      }
      for (Future<?> w : workers) {
        await(w);
      }
    } finally {
      pool.shutdownNow();
    }
    return count;
  }

  /** Passages per queued batch: encoding is slow, so dense batches are small enough to spread evenly. */
  private int batchSize() {
    return vectors == null ? BATCH : DENSE_BATCH;
  }

  private static int put(BlockingQueue<List<Passage>> q, List<Passage> batch, List<Future<?>> workers)
      throws IOException {
    if (!batch.isEmpty()) {
      putQuietly(q, batch, workers);
    }
    return batch.size();
  }

  /** Queues a batch, failing fast if a worker has died instead of blocking forever. */
  private static void putQuietly(BlockingQueue<List<Passage>> q, List<Passage> batch, List<Future<?>> workers)
      throws IOException {
    try {
      while (!q.offer(batch, 200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        for (Future<?> w : workers) {
          if (w.isDone()) {
            await(w);
            throw new IOException("an indexing thread stopped early");
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("indexing interrupted", e);
    }
  }

  private static void await(Future<?> w) throws IOException {
    try {
      w.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("indexing interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("indexing failed: " + c, c);
    }
  }
}

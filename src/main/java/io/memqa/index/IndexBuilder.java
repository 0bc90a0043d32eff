package io.memqa.index;

import io.memqa.corpus.Passage;
import io.memqa.corpus.PassageReader;
import io.memqa.util.AtomicFiles;
import io.memqa.util.BadInputException;
import io.memqa.util.OutputLock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Builds a BM25 passage index, optionally with dense vectors ({@link PassageVectors}: one per
 * passage, or one per window of each passage in child documents). Worker threads encode and add
 * documents in parallel; the index is written to a temporary sibling directory and
 * swapped into place only when complete, so an interrupted or failed build (even kill -9) leaves
 * the previous index untouched.
 */
public final class IndexBuilder {
  private static final int BATCH = 256;
  /** Encoding is slow (milliseconds a passage), so dense batches are small enough to spread evenly. */
  private static final int DENSE_BATCH = 32;

  /** How to build: analyzer, worker threads, RAM buffer, and whether to merge to one segment. */
  public record Options(Analyzers analyzer, int threads, int ramBufferMb, boolean forceMerge) {
    public Options {
      if (threads < 1 || threads > 64) {
        throw new BadInputException("threads must be between 1 and 64, got " + threads);
      }
      if (ramBufferMb < 16 || ramBufferMb > 2048) {
        throw new BadInputException("RAM buffer must be 16..2048 MB, got " + ramBufferMb);
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

  /**
   * Builds the index of {@code passages} into {@code target}, which must be absent, empty or a
   * memqa index (anything else is refused untouched, see {@link IndexStats#OUTPUT}).
   */
  public IndexStats build(PassageReader passages, Source source, Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    IndexStats.OUTPUT.check(abs);
    try (OutputLock lock = OutputLock.acquire(abs)) {
      AtomicFiles.recover(abs);
      IndexStats.OUTPUT.check(abs); // again, now that no other build can change it
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

  private IndexStats buildInto(PassageReader passages, Source source, Path dir) throws IOException {
    long t0 = System.nanoTime();
    IndexWriterConfig cfg = new IndexWriterConfig(options.analyzer().create());
    cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    cfg.setRAMBufferSizeMB(options.ramBufferMb());
    cfg.setUseCompoundFile(false);
    cfg.setCommitOnClose(false);
    if (vectors != null) {
      cfg.setCodec(vectors.format().codec());
      if (vectors.windowWords() > 0) {
        cfg.setParentField(Fields.PASSAGE); // marks each block's last document: the passage
      }
    }
    long docs;
    try (FSDirectory fs = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(fs, cfg)) {
      docs = addAll(writer, passages, source.totalBytes());
      if (docs == 0) {
        String from = source.files().isEmpty() ? "the corpus" : source.files().size() == 1
            ? source.files().get(0).toString() : source.files().size() + " corpus files";
        throw new IOException("no passages in " + from
            + (passages.skipped() > 0 ? " (all " + passages.skipped() + " records were malformed and skipped)" : "")
            + ": an index must hold passages; check the file and its --format");
      }
      if (options.forceMerge()) {
        writer.forceMerge(1);
      }
      writer.commit();
    }
    IndexStats stats = IndexStats.of(docs, passages.skipped(), t0, options.analyzer(), source, options.threads(),
        vectors == null ? null : vectors.stats());
    stats.write(dir);
    return stats;
  }

  /** Unit vectors: their dot product is their cosine, and cheaper. */
  private static KnnFloatVectorField vectorField(float[] vector) {
    return new KnnFloatVectorField(Fields.VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT);
  }

  private long addAll(IndexWriter writer, PassageReader passages, long totalBytes) throws IOException {
    boolean windowed = vectors != null && vectors.windowWords() > 0;
    int batchSize = vectors == null ? BATCH : DENSE_BATCH;
    String task = vectors == null ? "index (passages)" : "index and encode (passages)";
    return PassageBatches.run(passages, options.threads(), batchSize, totalBytes, task, () -> {
      Document doc = new Document();
      StringField id = new StringField(Fields.ID, "", Field.Store.YES);
      TextField title = new TextField(Fields.TITLE, "", Field.Store.YES);
      StoredField text = new StoredField(Fields.TEXT, "");
      StoredField docId = new StoredField(Fields.DOC_ID, "");
      TextField contents = new TextField(Fields.CONTENTS, "", Field.Store.NO);
      doc.add(id);
      doc.add(title);
      doc.add(text);
      doc.add(docId);
      doc.add(contents);
      KnnFloatVectorField vector = vectors == null || windowed ? null : vectorField(new float[vectors.encoder().dimension()]);
      if (vector != null) {
        doc.add(vector);
      }
      List<Document> block = new ArrayList<>();
      return batch -> {
        float[][][] vs = vectors == null ? null : vectors.encode(batch);
        for (int j = 0; j < batch.size(); j++) {
          Passage p = batch.get(j);
          id.setStringValue(p.id());
          title.setStringValue(p.title());
          text.setStringValue(p.text());
          docId.setStringValue(p.docId());
          contents.setStringValue(p.title().isEmpty() ? p.text() : p.title() + "\n" + p.text());
          if (vector != null) {
            vector.setVectorValue(vs[j][0]);
          }
          if (!windowed) {
            writer.addDocument(doc);
            continue;
          }
          // The passage's windows first, the passage last: a block join finds the passage of a window.
          block.clear();
          for (float[] window : vs[j]) {
            Document d = new Document();
            d.add(vectorField(window));
            block.add(d);
          }
          block.add(doc);
          writer.addDocuments(block);
        }
      };
    });
  }
}

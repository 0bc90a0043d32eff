package io.memqa.qa;

import io.memqa.corpus.Passage;
import io.memqa.corpus.PassageReader;
import io.memqa.index.IndexBuilder;
import io.memqa.reader.ReaderConfig;
import io.memqa.reader.SyntheticQa;
import io.memqa.reader.TrainOptions;
import io.memqa.reader.Trainer;
import io.memqa.reader.TrainingSet;
import io.memqa.retrieve.Bm25Retriever;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A real, tiny question-answering stack for tests: an index of generated biographies and a
 * small reader trained on them in seconds (open and closed memories). Built once per JVM in a
 * temporary directory.
 */
public final class TinyQa {
  /** The generated corpus and its questions. */
  public static final SyntheticQa.Data DATA = SyntheticQa.generate(120, 1);

  private static Path dir;

  private TinyQa() {}

  public static synchronized Path dir() {
    if (dir == null) {
      try {
        Path d = Files.createTempDirectory("memqa-tiny");
        build(d);
        dir = d;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return dir;
  }

  public static Path index() {
    return dir().resolve("index");
  }

  public static Path model() {
    return dir().resolve("model");
  }

  public static QaPipeline open() throws IOException {
    return QaPipeline.open(index(), model());
  }

  private static void build(Path d) throws IOException, InterruptedException {
    new IndexBuilder(IndexBuilder.Options.defaults())
        .build(reader(DATA.passages()), new IndexBuilder.Source("test", List.of(), "none", -1), d.resolve("index"));
    ReaderConfig base = ReaderConfig.defaults();
    ReaderConfig config = new ReaderConfig(ReaderConfig.FORMAT_VERSION, 4096, 16, 16, base.encoder(), 2, 4, 3,
        3, 64, 0f, base.features());
    TrainOptions options = new TrainOptions(6, 6, 16, 0.01f, 0.5f, 0.1, 200, 0, 3, 2);
    Map<String, Passage> byId = new HashMap<>();
    DATA.passages().forEach(p -> byId.put(p.id(), p));
    try (Bm25Retriever retriever = Bm25Retriever.open(d.resolve("index"))) {
      TrainingSet set = TrainingSet.build(DATA.questions(), byId, retriever, 3, options);
      new Trainer(config, options).train(set, d.resolve("model"), false, Map.of("fixture", "TinyQa"));
    }
  }

  private static PassageReader reader(List<Passage> passages) {
    Iterator<Passage> it = passages.iterator();
    return new PassageReader() {
      @Override
      public long skipped() {
        return 0;
      }

      @Override
      public long bytesRead() {
        return 0;
      }

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Passage next() {
        return it.next();
      }

      @Override
      public void close() {}
    };
  }
}

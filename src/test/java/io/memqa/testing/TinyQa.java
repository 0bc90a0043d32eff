package io.memqa.testing;

import io.memqa.corpus.Passage;
import io.memqa.data.Question;
import io.memqa.qa.QaPipeline;
import io.memqa.reader.SyntheticQa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real index and a real (tiny) trained reader over the generated biographies of
 * {@link SyntheticQa}, built once per test JVM in a temporary directory and shared by the server
 * server, pipeline and leak tests. Trained on gold paragraphs only, the reader still answers these questions from
 * retrieved passages.
 */
public final class TinyQa {
  /** Where the index and model are, and the passages and questions they were built from. */
  public record Fixture(Path index, Path model, SyntheticQa.Data data) {
    public QaPipeline open() throws IOException {
      return QaPipeline.open(index, model);
    }
  }

  // Small enough to train in seconds, yet every unambiguous question is answered right.
  private static final int PEOPLE = 40;
  private static final int EPOCHS = 2;
  private static Fixture fixture;

  private TinyQa() {}

  public static synchronized Fixture get() {
    if (fixture == null) {
      try {
        fixture = build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return fixture;
  }

  private static Fixture build() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("memqa-tiny-");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
    SyntheticQa.Data data = SyntheticQa.generate(PEOPLE, 1);
    Path index = dir.resolve("index");
    TestIndexes.build(TinyModels.corpus(data.passages(), dir.resolve("passages.jsonl")), index);
    Path model = dir.resolve("model");
    TinyModels.train(data, model, null, EPOCHS, 0f);
    return new Fixture(index, model, data);
  }

  /** Copies every file of the tiny model (its manifest included) into {@code to}, replacing what is there. */
  public static Path copyModel(Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(get().model())) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return to;
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }

  /**
   * The first {@code n} "Where was X born?" questions whose X is named in no other passage, so
   * that retrieval cannot make them ambiguous.
   */
  public static List<Question> whereBorn(int n) {
    List<Passage> passages = get().data().passages();
    return get().data().questions().stream()
        .filter(q -> q.id().endsWith("-where"))
        .filter(q -> {
          String name = q.text().substring("Where was ".length(), q.text().length() - " born?".length());
          return passages.stream().filter(p -> p.text().contains(name)).count() == 1;
        })
        .limit(n)
        .toList();
  }
}

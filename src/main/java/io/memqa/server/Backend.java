package io.memqa.server;

import io.memqa.corpus.Passage;
import io.memqa.qa.AnswerOptions;
import io.memqa.qa.Answers;
import io.memqa.qa.QaPipeline;
import io.memqa.reader.ReaderConfig;
import io.memqa.retrieve.Hit;
import io.memqa.retrieve.RetrieverSource;
import io.memqa.util.BadInputException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the service needs from the question-answering system. In production it is the
 * {@link QaPipeline}; the seam lets tests hold a request in flight to check shutdown and time
 * limits. Implementations must be thread-safe.
 */
public interface Backend extends AutoCloseable {
  /** Open setting: retrieve passages, then read them. */
  Answers answer(String question, AnswerOptions options);

  /** Closed setting: read only {@code passage}. */
  Answers answer(String question, Passage passage, AnswerOptions options);

  List<Hit> search(String question, int k);

  /** Retrieval only, by the retrieval {@code kind} (null: the default). */
  default List<Hit> search(String question, int k, RetrieverSource.Kind kind) {
    if (kind != null) {
      throw new BadInputException("this service does not let requests choose the retriever");
    }
    return search(question, k);
  }

  Optional<Passage> passage(String id);

  /** Passages in the index. */
  long passages();

  /** What is loaded, as labels for the metrics: the model's and the index's vital facts. */
  record Info(Map<String, String> model, Map<String, String> index) {}

  default Info info() {
    return new Info(Map.of(), Map.of());
  }

  @Override
  void close() throws IOException;

  static Backend of(QaPipeline qa) {
    return new Backend() {
      @Override
      public Answers answer(String question, AnswerOptions options) {
        return qa.answer(question, options);
      }

      @Override
      public Answers answer(String question, Passage passage, AnswerOptions options) {
        return qa.answer(question, passage, options);
      }

      @Override
      public List<Hit> search(String question, int k) {
        return qa.retriever().search(question, k);
      }

      @Override
      public List<Hit> search(String question, int k, RetrieverSource.Kind kind) {
        return qa.retriever().search(question, k, kind);
      }

      @Override
      public Optional<Passage> passage(String id) {
        return qa.retriever().passage(id);
      }

      @Override
      public long passages() {
        return qa.retriever().size();
      }

      @Override
      public Info info() {
        ReaderConfig c = qa.reader().config();
        Map<String, String> model = new LinkedHashMap<>();
        model.put("format_version", Integer.toString(c.formatVersion()));
        model.put("width", Integer.toString(c.width()));
        model.put("hops", Integer.toString(c.hops()));
        model.put("vectors", c.vectors());
        Map<String, String> index = new LinkedHashMap<>();
        RetrieverSource.stats(qa.retriever()).ifPresent(stats -> {
          index.put("analyzer", stats.analyzer());
          index.put("format", stats.format());
          index.put("corpus_sha256", stats.corpusSha256());
          index.put("vectors", stats.dense() ? stats.vectors().encoder().encoder() + " " + stats.vectors().format() : "none");
        });
        index.put("retriever", qa.retriever().defaultKind().id());
        return new Info(model, index);
      }

      @Override
      public void close() throws IOException {
        qa.close();
      }
    };
  }
}

package io.memqa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** --retriever and the OpenSearch options: wrong combinations and bad values are refused before any work. */
class RetrieverOptionsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "search x --retriever lucene                                        | unknown retriever 'lucene' (known: bm25, dense, hybrid, opensearch)",
      "search x --retriever opensearh                                     | did you mean 'opensearch'?",
      "search x --retriever hybrid --opensearch-index squad               | hybrid needs passage vectors, which only a Lucene index built with ./memqa index --dense holds",
      "index --to opensearch --dense                                      | an OpenSearch index holds BM25 only",
      "index --to opensearch --vector-format int4                         | --vector-format and --window-words go with --dense",
      "index --no-dense --window-words 30                                 | --vector-format and --window-words go with --dense",
      "index --dense --window-words 500                                   | --window-words must be 0 (a vector per whole passage) to 180 words, got 500",
      "index --dense --window-words -1                                    | --window-words must be 0 (a vector per whole passage) to 180 words, got -1",
      "search x --opensearch-url http://localhost:9200                    | --opensearch-url and --opensearch-index go with --retriever opensearch",
      "ask x --opensearch-index squad                                     | --opensearch-url and --opensearch-index go with --retriever opensearch",
      "search x --retriever opensearch --index index/squad                | with --retriever opensearch give --opensearch-index",
      "search x --retriever opensearch --opensearch-index Squad           | an OpenSearch index name is 1-200 lower-case letters",
      "search x --retriever opensearch --opensearch-index _all            | an OpenSearch index name is 1-200 lower-case letters",
      "search x --retriever opensearch --opensearch-url ftp://host        | must start with http:// or https://",
      "eval retrieval --out o --retriever opensearch --opensearch-url http://u:p@h:9200 | without credentials",
      "index --to elastic                                                 | --to must be lucene or opensearch, got elastic",
      "index --to opensearch --out dir                                    | with --to opensearch give --opensearch-index",
      "index --shards 2                                                   | --shards and --replicas go with --to opensearch",
  })
  void wrongCombinationsAreBadArguments(String args, String message) {
    Cli r = Cli.run(args.trim().split("\\s+"));
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message);
  }

  @Test
  void anUnreachableClusterIsAOneLineFailure() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Cli r = Cli.run("search", "Eiffel", "--retriever", "opensearch", "--opensearch-url", "http://127.0.0.1:" + port);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("memqa: error: OpenSearch at http://127.0.0.1:" + port + ": ").contains("refused");
  }
}

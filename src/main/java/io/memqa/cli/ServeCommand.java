package io.memqa.cli;

import io.memqa.server.ServerOptions;
import io.memqa.server.Service;
import io.memqa.util.MemqaHome;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves the HTTP API and the web page. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the question-answering API and web page (http://127.0.0.1:8080/ by default).",
      "Listens at once and answers 503 on /ready and /v1/* until the index and model are loaded;",
      "SIGTERM or Ctrl-C finishes the requests in flight, then stops."
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin RetrieverOptions retrieval;

  @Option(names = "--model", paramLabel = "DIR", description = "model directory (default: models/squad)")
  Path model;

  @Mixin Listen listen;

  @Override
  public Integer call() throws Exception {
    Path modelDir = MemqaHome.model(model);
    Service.run(listen.options(), retrieval.source(), modelDir, System.out);
    return 0;
  }

  /** How the server listens and what it accepts; shared with quickstart. */
  static final class Listen {
    private static final ServerOptions DEFAULTS = ServerOptions.defaults();

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
        description = "address to bind; 0.0.0.0 exposes the service to the network (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "port, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--max-concurrent", paramLabel = "N", description = "questions answered at once (default: the number of cores, at least 2)")
    Integer maxConcurrent;

    @Option(names = "--queue", paramLabel = "N", description = "questions that may wait beyond those; more get 429 (default: 4 per core)")
    Integer queue;

    @Option(names = "--max-question-chars", paramLabel = "N", defaultValue = "1000", description = "longest question accepted (default: ${DEFAULT-VALUE})")
    int maxQuestionChars;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "10000", description = "time limit per request, waiting included (default: ${DEFAULT-VALUE})")
    long timeoutMillis;

    @Option(names = "--cors", paramLabel = "ORIGIN", description = "let web pages from ORIGIN (e.g. https://example.org) call the API (default: none)")
    String cors;

    ServerOptions options() {
      return new ServerOptions(host, port, maxConcurrent == null ? DEFAULTS.maxConcurrent() : maxConcurrent,
          queue == null ? DEFAULTS.queue() : queue, maxQuestionChars, DEFAULTS.maxBodyBytes(), timeoutMillis, cors);
    }
  }
}

package io.memqa.server;

import io.memqa.qa.AnswerOptions;
import io.memqa.qa.QaPipeline;
import io.memqa.retrieve.RetrieverSource;
import java.io.PrintStream;
import java.nio.file.Path;

/** Runs the service for the command line: listen, load, say where to go, serve until stopped. */
public final class Service {
  public static final String EXAMPLE_QUESTION = "Which NFL team represented the AFC at Super Bowl 50?";

  /**
   * Answered before the service says it is ready, so that the first user does not pay loading's
   * first-call costs: questions of a few lengths, since row shapes follow the memory's length.
   * (The first fresh questions over HTTP are still slower than the steady state: README, Speed.)
   */
  static final java.util.List<String> WARM_UP = java.util.List.of(EXAMPLE_QUESTION,
      "When did the first Super Bowl take place?", "who wrote it", "How many people live in the largest city of the"
          + " country where the river that gives the region its name rises?");
  private static final int WARM_UP_ROUNDS = 3;

  private Service() {}

  /**
   * Listens at once (503 while loading), opens the index and model, prints the address and an
   * example, and blocks until SIGTERM or Ctrl-C, which finish the requests in flight first.
   */
  public static void run(ServerOptions options, RetrieverSource passages, Path model, PrintStream out) throws Exception {
    start(options, passages, model, out).awaitStop();
  }

  /** {@link #run} without the wait: returns the server once it answers questions. */
  public static QaServer start(ServerOptions options, RetrieverSource passages, Path model, PrintStream out) throws Exception {
    QaServer server = QaServer.start(options);
    Thread hook = new Thread(server::close, "memqa-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.printf("memqa: listening on %s; loading %s and %s ...%n", server.url(), passages, model);
    long t0 = System.nanoTime();
    try {
      server.load(() -> open(passages, model));
    } catch (Exception e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      server.close();
      throw e;
    }
    out.printf("memqa: ready in %.1f s. Open %s/ in a browser, or ask with curl:%n%n  %s%n%nPress Ctrl-C to stop.%n",
        (System.nanoTime() - t0) / 1e9, server.url(), exampleCurl(server.url()));
    out.flush();
    return server;
  }

  /** Opens the pipeline and answers the {@link #WARM_UP} questions. */
  static Backend open(RetrieverSource passages, Path model) throws Exception {
    QaPipeline qa = QaPipeline.open(passages, model);
    Backend b = Backend.of(qa);
    try {
      for (int round = 0; round < WARM_UP_ROUNDS; round++) {
        for (String q : WARM_UP) {
          b.answer(q, AnswerOptions.defaults());
        }
      }
      return b;
    } catch (RuntimeException e) {
      b.close();
      throw e;
    }
  }

  public static String exampleCurl(String url) {
    return "curl -s " + url + "/v1/answer -H 'Content-Type: application/json' -d '{\"question\": \""
        + EXAMPLE_QUESTION + "\", \"explain\": true}'";
  }
}

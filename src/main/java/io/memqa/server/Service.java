package io.memqa.server;

import io.memqa.qa.QaPipeline;
import io.memqa.retrieve.RetrieverSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/** Runs the service for the command line: listen, load, say where to go, serve until stopped. */
public final class Service {
  public static final String EXAMPLE_QUESTION = "Which NFL team represented the AFC at Super Bowl 50?";

  /**
   * Answered by every worker before the service says it is ready ({@link QaServer#load(Callable, List)}), so that the
   * first user does not pay the first calls' costs. Distinct questions of several lengths: memories of several
   * lengths, and passages not yet cached, so that the passage encoder runs too (a repeated question reads cached
   * passages), {@link #WARM_UP_ROUNDS} times: a thread's answers are slow until the JIT compiler has seen a few
   * dozen (on the shared 2-core machine, the first answer after ready took a median 42 ms after three rounds and
   * 81 ms after one; ready came about 3 s later).
   */
  static final List<String> WARM_UP = List.of(EXAMPLE_QUESTION,
      "When did the first Super Bowl take place?", "who wrote it", "How many people live in the largest city of the"
          + " country where the river that gives the region its name rises?",
      "What is the capital of France?", "Which element has the atomic number 6?",
      "Who painted the ceiling of the Sistine Chapel?", "In what year did the Second World War end?",
      "What language is spoken in Brazil?", "How long is the Great Wall of China?",
      "Which university did the author of the theory of relativity attend?", "what is it called");
  static final int WARM_UP_ROUNDS = 3;

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
    say(out, "memqa: listening on %s; loading %s and %s ...%n", server.url(), passages, model);
    long t0 = System.nanoTime();
    try {
      server.load(() -> Backend.of(QaPipeline.open(passages, model)), warmUp());
    } catch (Exception e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      server.close();
      throw e;
    }
    say(out, "memqa: ready in %.1f s. Open %s/ in a browser, or ask with curl:%n%n  %s%n%nPress Ctrl-C to stop.%n",
        (System.nanoTime() - t0) / 1e9, server.url(), exampleCurl(server.url()));
    return server;
  }

  /**
   * Prints a message in one write: {@code printf} writes each piece of the format on its own
   * (the JDK's {@code System.out} does not buffer them), and the server's log lines, written to
   * the same terminal or file from other threads, then land inside the address.
   */
  private static void say(PrintStream out, String format, Object... args) {
    out.print(String.format(format, args));
    out.flush();
  }

  /** What each worker answers before the service is ready: {@link #WARM_UP}, {@link #WARM_UP_ROUNDS} times. */
  static List<String> warmUp() {
    return Collections.nCopies(WARM_UP_ROUNDS, WARM_UP).stream().flatMap(List::stream).toList();
  }

  public static String exampleCurl(String url) {
    return "curl -s " + url + "/v1/answer -H 'Content-Type: application/json' -d '{\"question\": \""
        + EXAMPLE_QUESTION + "\", \"explain\": true}'";
  }
}

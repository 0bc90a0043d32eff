package io.memqa.server;

import io.memqa.retrieve.Retriever;
import io.memqa.util.BadInputException;

/**
 * How the service listens and what it accepts.
 *
 * @param maxConcurrent questions worked on at once; more wait in a queue of {@code queue}
 * @param timeoutMillis the longest a request may wait and work before it is answered 503
 * @param corsOrigin the one origin allowed to call the API from a browser, or null for none
 */
public record ServerOptions(
    String host,
    int port,
    int maxConcurrent,
    int queue,
    int maxQuestionChars,
    int maxBodyBytes,
    long timeoutMillis,
    String corsOrigin) {

  public static final int MAX_CONTEXT_CHARS = 20_000;

  public ServerOptions {
    if (host == null || host.isBlank()) {
      throw new BadInputException("host must not be empty");
    }
    check("port", port, 0, 65_535);
    check("max concurrent requests", maxConcurrent, 1, 1024);
    check("queue", queue, 0, 10_000);
    check("max question characters", maxQuestionChars, 1, Retriever.MAX_QUESTION_CHARS);
    check("max body bytes", maxBodyBytes, 1024, 16 << 20);
    if (timeoutMillis < 1 || timeoutMillis > 3_600_000) {
      throw new BadInputException("timeout must be between 1 ms and 1 hour, got " + timeoutMillis);
    }
    if (corsOrigin != null && corsOrigin.isBlank()) {
      corsOrigin = null;
    }
  }

  /**
   * 127.0.0.1:8080; as many questions at once as cores (the reader is CPU-bound, more would only
   * queue inside PyTorch), four waiting per core, questions as long as the command line takes
   * ({@link Retriever#MAX_QUESTION_CHARS}), 64 KB bodies, 10 s.
   */
  public static ServerOptions defaults() {
    int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
    return new ServerOptions("127.0.0.1", 8080, cores, 4 * cores, Retriever.MAX_QUESTION_CHARS, 64 * 1024, 10_000, null);
  }

  public ServerOptions withPort(int p) {
    return new ServerOptions(host, p, maxConcurrent, queue, maxQuestionChars, maxBodyBytes, timeoutMillis, corsOrigin);
  }

  private static void check(String what, long value, long min, long max) {
    if (value < min || value > max) {
      throw new BadInputException(what + " must be between " + min + " and " + max + ", got " + value);
    }
  }
}

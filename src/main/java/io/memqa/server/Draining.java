package io.memqa.server;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Counts requests in flight around the whole servlet, so the count drops only once a response is
 * complete (for asynchronous ones, when the async context completes), and once draining has
 * begun answers new requests 503 at the door. Shutdown waits for
 * the count to reach zero before it stops Jetty and closes the model.
 */
final class Draining implements Filter {
  private static final byte[] STOPPING = ("{\"type\":\"about:blank\",\"title\":\"Service unavailable\",\"status\":503,"
      + "\"detail\":\"the server is stopping\"}").getBytes(StandardCharsets.UTF_8);

  private final Object lock = new Object();
  private int inFlight;
  private boolean draining;

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletResponse http = (HttpServletResponse) res;
    http.setHeader("X-Content-Type-Options", "nosniff");
    synchronized (lock) {
      if (draining) {
        http.setStatus(503);
        http.setHeader("Retry-After", "1");
        http.setHeader("Connection", "close");
        http.setContentType(QaServer.PROBLEM_JSON);
        http.getOutputStream().write(STOPPING);
        return;
      }
      inFlight++;
    }
    boolean async = false;
    try {
      chain.doFilter(req, res);
      async = req.isAsyncStarted();
    } finally {
      if (async) {
        req.getAsyncContext().addListener(new Done());
      } else {
        try {
          skipUnreadBody(req);
          // Send the reply before counting it done: shutdown closes connections once the count is 0.
          res.flushBuffer();
        } catch (IOException | RuntimeException e) {
          // the client has gone; there is nothing left to send
        }
        done();
      }
    }
  }

  /**
   * Reads what is left of a body the handler did not read (a request refused before its body was
   * needed), up to {@link #UNREAD_BODY_LIMIT}, so the connection stays usable: otherwise Jetty may
   * close it under a client that is about to send the next request on it.
   */
  private static void skipUnreadBody(ServletRequest req) throws IOException {
    if (req.getContentLengthLong() == 0) {
      return;
    }
    var in = req.getInputStream();
    if (in.isFinished()) {
      return;
    }
    byte[] buf = new byte[8192];
    long left = UNREAD_BODY_LIMIT;
    int n;
    while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
      left -= n;
    }
  }

  private static final long UNREAD_BODY_LIMIT = 1 << 20;

  private void done() {
    synchronized (lock) {
      inFlight--;
      lock.notifyAll();
    }
  }

  /** Javalin may finish a request asynchronously, after the filter chain has returned. */
  private final class Done implements AsyncListener {
    @Override
    public void onComplete(AsyncEvent event) {
      done();
    }

    @Override
    public void onTimeout(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {
      event.getAsyncContext().addListener(this);
    }
  }

  int inFlight() {
    synchronized (lock) {
      return inFlight;
    }
  }

  /** Refuses new requests and waits up to {@code millis} for those in flight; true if none is left. */
  boolean drain(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    synchronized (lock) {
      draining = true;
      while (inFlight > 0) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return false;
        }
        lock.wait(left);
      }
      return true;
    }
  }
}

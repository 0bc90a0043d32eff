package io.memqa.testing;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executor;

/** The JDK's HTTP server on 127.0.0.1 and a free port, for stand-ins and proxies in tests. */
public final class LoopbackHttp {
  private LoopbackHttp() {}

  /** Starts a server that answers {@code path} (and below) with {@code handler} on {@code threads}. */
  public static HttpServer start(String path, HttpHandler handler, Executor threads) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    http.setExecutor(threads);
    http.createContext(path, handler);
    http.start();
    return http;
  }

  public static URI uri(HttpServer http) {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }
}

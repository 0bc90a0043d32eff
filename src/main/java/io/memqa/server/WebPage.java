package io.memqa.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The static files under {@code web/} in the jar: the page and the OpenAPI description. */
final class WebPage {
  // Everything the page needs is inline; it may only talk to this server.
  private static final String CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
      + "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private static final byte[] INDEX = read("web/index.html");
  private static final byte[] OPENAPI = read("web/openapi.json");

  private WebPage() {}

  static void index(Context ctx) {
    ctx.header("Content-Security-Policy", CSP).header("Referrer-Policy", "no-referrer")
        .contentType("text/html; charset=utf-8").result(INDEX);
  }

  static void openApi(Context ctx) {
    ctx.contentType("application/json").result(OPENAPI);
  }

  static byte[] read(String resource) {
    try (InputStream in = WebPage.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource + " (a broken build?)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

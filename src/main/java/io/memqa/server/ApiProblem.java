package io.memqa.server;

import java.util.Map;

/**
 * An error answered as RFC 9457 problem details. Thrown anywhere in a handler; the server turns it
 * into {@code application/problem+json} with its status, title, detail and extra headers.
 */
public final class ApiProblem extends RuntimeException {
  private final int status;
  private final String title;
  private final Map<String, String> headers;

  public ApiProblem(int status, String title, String detail, Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.headers = headers;
  }

  public ApiProblem(int status, String title, String detail) {
    this(status, title, detail, Map.of());
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(400, "Bad request", detail);
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(404, "Not found", detail);
  }

  /** 503 with a hint to come back: used while loading, stopping, or when a request ran too long. */
  public static ApiProblem unavailable(String detail) {
    return new ApiProblem(503, "Service unavailable", detail, Map.of("Retry-After", "1"));
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** The JSON body: {@code type} is about:blank as RFC 9457 suggests when the status says it all. */
  public Body body() {
    return new Body("about:blank", title, status, detail());
  }

  /** The fields of a problem document, in the order RFC 9457 lists them. */
  public record Body(String type, String title, int status, String detail) {}
}

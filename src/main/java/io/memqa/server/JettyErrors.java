package io.memqa.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Problem details for what Jetty refuses before a request reaches the API (unparseable request
 * lines, oversized headers or URLs, unsupported HTTP versions), so every error has one format.
 */
final class JettyErrors extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, QaServer.PROBLEM_JSON);
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, QaServer.PROBLEM_JSON);
    return ByteBuffer.wrap(body(status, reason));
  }

  private static byte[] body(int code, String message) {
    String title = HttpStatus.getMessage(code);
    String detail = code >= 500 && code != 505 || message == null || message.isBlank() ? title : Inputs.shorten(message);
    try {
      return Api.JSON.writeValueAsBytes(new ApiProblem(code, title, detail).body());
    } catch (IOException e) {
      return ("{\"status\":" + code + "}").getBytes(StandardCharsets.UTF_8);
    }
  }
}

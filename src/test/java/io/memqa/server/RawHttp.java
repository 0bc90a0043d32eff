package io.memqa.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Sends exactly the bytes given (however malformed) over a fresh connection and reads the status. */
final class RawHttp {
  /** What came back: the status, or -1 when the server closed the connection without a reply. */
  record Exchange(int status, String head) {}

  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  Exchange send(byte[] request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      try {
        out.write(request);
        out.flush();
        s.shutdownOutput();
      } catch (IOException e) {
        // The server may answer (413, 400) and close before reading everything we send.
      }
      return read(s.getInputStream());
    }
  }

  private static Exchange read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    try {
      int b;
      while ((b = in.read()) != -1 && head.size() < 8192) {
        head.write(b);
        if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (IOException e) {
      // a reset after a partial reply still tells us the status
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
      return new Exchange(-1, text);
    }
    return new Exchange(Integer.parseInt(text.substring(9, 12)), text);
  }

  /** A request from a head (request line and headers, without the blank line) and a body. */
  static byte[] request(String head, byte[] body) {
    byte[] h = (head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  /** A POST with a correct Content-Length for {@code body}. */
  static byte[] post(String path, String contentType, byte[] body) {
    return request("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + body.length, body);
  }

  static byte[] get(String target) {
    return request("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close", new byte[0]);
  }
}

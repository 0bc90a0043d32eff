package io.memqa.server;

import io.memqa.testing.TinyQa;
import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.data.Question;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Over a thousand malformed and hostile requests, sent as raw bytes: none may get a 5xx, and the
 * server must still answer correctly afterwards.
 */
class FuzzTest {
  private static final String[] ROUTES = {"/", "/health", "/ready", "/metrics", "/openapi.json", "/v1/answer",
      "/v1/search", "/v1/passages/syn-1-0"};
  private static final String[] LUCENE = {"title:Alma AND born", "Alma~2 OR Hale^3", "\"Alma Hale\"~5", "[a TO z]",
      "{!lucene q=*:*}", "*:*", "born*", "?lma", "/.*/", "Alma && Hale || !Porto", "(((((", ")", "\\", ":", "+-+-",
      "title:(a b c)", "Alma\\ Hale", "field:", "~", "^", "\"", "AND OR NOT", "NOT", "a:b:c:d", "*"};

  private final Random rnd = new Random(20_161);

  @Test
  void hostileRequestsNeverGet5xxAndTheServerStillAnswers() throws Exception {
    TinyQa.Fixture tiny = TinyQa.get();
    Question q = TinyQa.whereBorn(1).get(0);
    try (QaServer server = QaServer.start(new ServerOptions("127.0.0.1", 0, 2, 64, 1000, 65_536, 30_000, null))) {
      server.load(() -> Backend.of(tiny.open()));
      Http http = new Http(server.url());
      String before = http.postJson("/v1/answer", Map.of("question", q.text())).json().get("answers").toString();

      Map<String, byte[]> cases = cases(q.text());
      assertThat(cases).hasSizeGreaterThanOrEqualTo(1000);
      RawHttp raw = new RawHttp(server.port());
      Map<Integer, Integer> statuses = new TreeMap<>();
      List<String> failures = new ArrayList<>();
      for (Map.Entry<String, byte[]> c : cases.entrySet()) {
        RawHttp.Exchange x = raw.send(c.getValue());
        statuses.merge(x.status(), 1, Integer::sum);
        // Jetty answers a few protocol-level oddities (OPTIONS *, an HTTP/2 preface) with no body at all.
        boolean hasBody = !x.head().contains("Content-Length: 0\r\n");
        if (x.status() >= 400 && hasBody && !x.head().contains("Content-Type: " + QaServer.PROBLEM_JSON)) {
          failures.add(c.getKey() + " -> not a problem document: " + x.head().lines().findFirst().orElse(""));
        }
        // 505 is the protocol's own answer to an HTTP version that does not exist; not a failure.
        if (x.status() >= 500 && !(x.status() == 505 && c.getKey().startsWith("HTTP/"))) {
          failures.add(c.getKey() + " -> " + x.head().lines().findFirst().orElse(""));
        }
      }
      System.out.println("fuzz: " + cases.size() + " requests, statuses " + statuses);
      assertThat(failures).as("requests answered 5xx").isEmpty();
      assertThat(statuses.getOrDefault(-1, 0)).as("connections closed without a reply").isLessThan(cases.size() / 20);

      assertThat(http.get("/ready").status()).isEqualTo(200);
      assertThat(http.postJson("/v1/answer", Map.of("question", q.text())).json().get("answers").toString()).isEqualTo(before);
      assertThat(http.get("/metrics").body()).doesNotContainPattern("status=\"5\\d\\d\"");
    }
  }

  private Map<String, byte[]> cases(String question) {
    Map<String, byte[]> c = new LinkedHashMap<>();
    byte[] valid = json("{\"question\": \"" + question + "\", \"passages\": 3, \"explain\": true}");
    for (int i = 0; i < 300; i++) {
      c.put("mutated JSON " + i, RawHttp.post("/v1/answer", "application/json", mutate(valid)));
    }
    for (int i = 0; i < 100; i++) {
      c.put("random bytes body " + i, RawHttp.post("/v1/answer", "application/json", randomBytes(1 + rnd.nextInt(300))));
    }
    for (int i = 0; i < 60; i++) {
      String s = randomUnicode(1 + rnd.nextInt(80));
      c.put("control and odd characters " + i, RawHttp.post("/v1/answer", "application/json",
          json("{\"question\": \"" + escapeLoosely(s) + "\"}")));
      c.put("odd characters in q " + i, RawHttp.get("/v1/answer?q=" + Http.encode(s)));
    }
    for (int i = 0; i < 40; i++) {
      c.put("invalid UTF-8 body " + i, RawHttp.post("/v1/answer", "application/json; charset=utf-8",
          concat(json("{\"question\": \"Where was "), invalidUtf8(), json(" born?\"}"))));
      c.put("invalid UTF-8 percent-encoded " + i, RawHttp.get("/v1/search?q=" + percent(invalidUtf8())));
      c.put("invalid UTF-8 raw in path " + i, RawHttp.request("GET /v1/passages/" + latin1(invalidUtf8())
          + " HTTP/1.1\r\nHost: x\r\nConnection: close", new byte[0]));
    }
    for (String l : LUCENE) {
      c.put("lucene body " + l, RawHttp.post("/v1/answer", "application/json", json("{\"question\": " + quote(l) + "}")));
      c.put("lucene search " + l, RawHttp.get("/v1/search?q=" + Http.encode(l) + "&k=3"));
      c.put("lucene id " + l, RawHttp.get("/v1/passages/" + Http.encode(l).replace("+", "%20")));
      c.put("lucene passageId " + l, RawHttp.post("/v1/answer", "application/json",
          json("{\"question\": \"Where?\", \"passageId\": " + quote(l) + "}")));
    }
    String[] tricks = {"../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e/%2e%2e/etc/passwd", "..\\..\\boot.ini",
        "%00", "syn-1-0%00.txt", "syn-1-0;jsessionid=1", "syn-1-0/../syn-2-0", "%252e%252e%252f", "....//....//",
        "%c0%ae%c0%ae/", "~root", "$(id)", "`id`", "' OR 1=1 --", "<script>alert(1)</script>", "syn-1-0?x=../",
        "%ff", "%", "%zz", "a".repeat(5000), "/", "//", "%2F"};
    for (String t : tricks) {
      c.put("path trick passages " + t, RawHttp.get("/v1/passages/" + t));
      c.put("path trick root " + t, RawHttp.get("/" + t));
      c.put("path trick passageId " + t, RawHttp.post("/v1/answer", "application/json",
          json("{\"question\": \"Where?\", \"passageId\": " + quote(t) + "}")));
    }
    String[] methods = {"PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "FOO", "get", "HEAD", "PROPFIND", "G@T"};
    for (String m : methods) {
      for (String r : ROUTES) {
        c.put("method " + m + " " + r, RawHttp.request(m + " " + r + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2", json("{}")));
      }
    }
    for (String r : ROUTES) {
      c.put("POST to " + r, RawHttp.post(r, "application/json", valid));
    }
    String[] types = {"text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
        "application/json; charset=\u00ff", "", "application/x-www-form-urlencoded", "*/*", "application/jsonp", "json"};
    for (String t : types) {
      c.put("content type " + t, RawHttp.post("/v1/answer", t, valid));
    }
    for (int size : new int[] {65_537, 70_000, 100_000, 200_000}) {
      byte[] big = json("{\"question\": \"Where?\", \"context\": \"" + "a".repeat(size) + "\"}");
      c.put("huge body " + size, RawHttp.post("/v1/answer", "application/json", big));
      c.put("huge chunked body " + size, chunked(big));
    }
    c.put("huge declared length", RawHttp.request("POST /v1/answer HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + "Content-Type: application/json\r\nContent-Length: 10000000000", json("{}")));
    c.put("negative length", RawHttp.request("POST /v1/answer HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + "Content-Type: application/json\r\nContent-Length: -5", json("{}")));
    c.put("two lengths", RawHttp.request("POST /v1/answer HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3", json("{}")));
    c.put("huge header", RawHttp.request("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: " + "b".repeat(100_000), new byte[0]));
    c.put("many headers", RawHttp.request("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close" + "\r\nX-H: v".repeat(2000), new byte[0]));
    c.put("huge URL", RawHttp.get("/v1/answer?q=" + "w".repeat(100_000)));
    c.put("no host", RawHttp.request("GET /health HTTP/1.1\r\nConnection: close", new byte[0]));
    c.put("HTTP/0.9", "GET /health\r\n".getBytes(StandardCharsets.US_ASCII));
    c.put("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    c.put("HTTP/9.9", RawHttp.request("GET /health HTTP/9.9\r\nHost: x\r\nConnection: close", new byte[0]));
    c.put("absolute URL", RawHttp.request("GET http://evil.example/health HTTP/1.1\r\nHost: x\r\nConnection: close", new byte[0]));
    c.put("asterisk", RawHttp.request("OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close", new byte[0]));
    c.put("bad chunking", RawHttp.request("POST /v1/answer HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked", json("zz\r\n{}\r\n0\r\n\r\n")));
    String[] numbers = {"-1", "0", "1e309", "1e3", "NaN", "Infinity", "-0", "1.0", "true", "null", "[]", "{}", "\"\"",
        "123456789012345678901234567890", "0x10", "01"};
    for (String n : numbers) {
      for (String field : new String[] {"passages", "answers", "explain", "question", "context", "passageId"}) {
        c.put("number " + field + "=" + n, RawHttp.post("/v1/answer", "application/json",
            json("{\"question\": \"Where was Alma Hale born?\", \"" + field + "\": " + n + "}")));
      }
      c.put("query numbers " + n, RawHttp.get("/v1/answer?q=x&passages=" + Http.encode(n) + "&answers=" + Http.encode(n)
          + "&explain=" + Http.encode(n)));
      c.put("search k " + n, RawHttp.get("/v1/search?q=x&k=" + Http.encode(n)));
    }
    c.put("deep nesting", RawHttp.post("/v1/answer", "application/json", json("{\"question\": " + "[".repeat(20_000) + "}")));
    c.put("lone surrogate", RawHttp.post("/v1/answer", "application/json", json("{\"question\": \"Where \\ud800 was \\udfff?\"}")));
    c.put("escaped NUL", RawHttp.post("/v1/answer", "application/json", json("{\"question\": \"\\u0000\\u0000\"}")));
    c.put("many fields", RawHttp.post("/v1/answer", "application/json", json("{" + "\"a\":1,".repeat(5000) + "\"question\":\"x\"}")));
    c.put("long key", RawHttp.post("/v1/answer", "application/json", json("{\"" + "k".repeat(30_000) + "\": 1}")));
    return c;
  }

  private byte[] mutate(byte[] valid) {
    byte[] b = valid.clone();
    switch (rnd.nextInt(4)) {
      case 0 -> {
        for (int i = 0; i < 1 + rnd.nextInt(4); i++) {
          b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
        }
      }
      case 1 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
      case 2 -> {
        int at = rnd.nextInt(b.length);
        b = concat(java.util.Arrays.copyOf(b, at), randomBytes(1 + rnd.nextInt(8)), java.util.Arrays.copyOfRange(b, at, b.length));
      }
      default -> {
        String s = new String(b, StandardCharsets.UTF_8);
        String[] junk = {"{", "}", "[", "]", ",", ":", "\"", "\\", "null", "1e999", "\\u12", "\\x00"};
        int at = rnd.nextInt(s.length());
        b = json(s.substring(0, at) + junk[rnd.nextInt(junk.length)] + s.substring(at));
      }
    }
    return b;
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  private String randomUnicode(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int kind = rnd.nextInt(5);
      s.appendCodePoint(switch (kind) {
        case 0 -> rnd.nextInt(0x20);
        case 1 -> 0x7f + rnd.nextInt(0x21);
        case 2 -> new int[] {0x200b, 0x202e, 0xfeff, 0xfffd, 0xffff, 0x2028}[rnd.nextInt(6)];
        case 3 -> 0x1f600 + rnd.nextInt(80);
        default -> 'a' + rnd.nextInt(26);
      });
    }
    return s.toString();
  }

  /** Escapes quotes and backslashes but leaves control characters raw (invalid JSON on purpose, sometimes). */
  private String escapeLoosely(String s) {
    String e = s.replace("\\", "\\\\").replace("\"", "\\\"");
    return rnd.nextBoolean() ? e : quote(s).substring(1, quote(s).length() - 1);
  }

  private byte[] invalidUtf8() {
    byte[][] bad = {{(byte) 0xff}, {(byte) 0xfe, (byte) 0xff}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0x80},
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xe2, (byte) 0x82}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
    return bad[rnd.nextInt(bad.length)];
  }

  private static String percent(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%%%02X", x & 0xff));
    }
    return s.toString();
  }

  private static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static byte[] chunked(byte[] body) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(("POST /v1/answer HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    for (int at = 0; at < body.length; at += 8192) {
      int n = Math.min(8192, body.length - at);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, at, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static String quote(String s) {
    try {
      return Http.JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}

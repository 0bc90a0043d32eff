package io.memqa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.OpenApi30;
import io.memqa.testing.TinyQa;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /openapi.json is a valid OpenAPI document (swagger-parser) complete enough for a generated
 * client: every response the server really gives, for good and bad requests alike, is described
 * there with its status, media type and headers, and its body validates against the schema
 * (networknt's validator, OpenAPI 3.0 dialect).
 */
class OpenApiContractTest {
  private static final String SPEC_URI = "https://memqa.invalid/openapi.json";
  static QaServer server;
  static Http http;
  static String specText;
  static OpenAPI spec;
  static SchemaRegistry schemas;

  /** One request and what came back. */
  record Exchange(String method, String path, Http.Reply reply) {}

  @BeforeAll
  static void start() throws Exception {
    server = QaServer.start(ServerOptions.defaults().withPort(0));
    server.load(() -> Backend.of(TinyQa.get().open()));
    http = new Http(server.url());
    specText = new String(WebPage.read("web/openapi.json"), StandardCharsets.UTF_8);
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(specText, null, options);
    assertThat(parsed.getMessages()).as("swagger-parser's findings").isEmpty();
    spec = parsed.getOpenAPI();
    schemas = SchemaRegistry.withDefaultDialect(OpenApi30.getInstance(), b -> b.schemas(Map.of(SPEC_URI, specText)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theDocumentIsCompleteForAGeneratedClient() throws Exception {
    assertThat(spec.getOpenapi()).startsWith("3.0");
    assertThat(spec.getInfo().getLicense()).isNotNull();
    assertThat(Http.JSON.readTree(specText).get("security")).as("security: [] (no authentication)")
        .isNotNull().isEmpty();
    List<String> missing = new ArrayList<>();
    spec.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
      if (op.getOperationId() == null) {
        missing.add(method + " " + path + ": no operationId");
      }
    }));
    spec.getComponents().getSchemas().forEach((name, s) -> {
      if ("object".equals(s.getType()) && (s.getRequired() == null || s.getRequired().isEmpty())) {
        missing.add("schema " + name + " requires no field");
      }
    });
    assertThat(missing).isEmpty();
    Schema answers = schemas.getSchema(SchemaLocation.of(SPEC_URI + "#/components/schemas/Answers"));
    assertThat(answers.validate(Http.JSON.readTree("{\"question\": \"q\", \"answers\": [{\"text\": 1}]}")))
        .as("the validator does check: a wrong body fails").isNotEmpty();
  }

  @Test
  void everyResponseTheServerGivesIsDescribedAndValid() throws Exception {
    String q = Http.encode(TinyQa.whereBorn(1).get(0).text());
    String id = TinyQa.get().data().passages().get(0).id();
    List<Exchange> seen = new ArrayList<>();
    for (String path : List.of("/", "/health", "/ready", "/metrics", "/openapi.json", "/v1/answer?q=" + q,
        "/v1/search?q=" + q + "&k=3", "/v1/passages/" + id)) {
      seen.add(exchange("GET", path));
      seen.add(exchange("HEAD", path));
      seen.add(exchange("OPTIONS", path.replaceAll("\\?.*", "")));
    }
    seen.add(new Exchange("POST", "/v1/answer", http.postJson("/v1/answer",
        Map.of("question", TinyQa.whereBorn(1).get(0).text(), "explain", true))));
    seen.add(new Exchange("POST", "/v1/answer", http.postJson("/v1/answer", Map.of("question", "Who?", "bogus", 1))));
    seen.add(new Exchange("POST", "/v1/answer", http.post("/v1/answer", "application/json", "{oops")));
    seen.add(new Exchange("POST", "/v1/answer", http.post("/v1/answer", "text/plain", "Who?")));
    seen.add(new Exchange("POST", "/v1/answer", http.post("/v1/answer", "application/json",
        "{\"question\": \"" + "x".repeat(70_000) + "\"}")));
    seen.add(new Exchange("POST", "/v1/answer", http.postJson("/v1/answer", Map.of("question", "Who?", "passageId", "nope"))));
    seen.add(exchange("GET", "/v1/answer?q=" + q + "&k=3"));
    seen.add(exchange("GET", "/v1/answer?q=a&q=b"));
    seen.add(exchange("GET", "/v1/search?q=" + "x".repeat(1001)));
    seen.add(exchange("GET", "/v1/passages/nope"));
    seen.add(exchange("DELETE", "/v1/answer"));
    seen.add(exchange("PUT", "/health"));
    seen.add(exchange("GET", "/v1/search?q=" + "x".repeat(20_000)));
    seen.addAll(busyAndLoading());

    List<String> problems = new ArrayList<>();
    for (Exchange e : seen) {
      problems.addAll(check(e));
    }
    assertThat(problems).isEmpty();
    assertThat(seen.stream().map(e -> e.reply().status()).distinct())
        .contains(200, 204, 400, 404, 405, 413, 414, 415, 429, 503);
  }

  /** 429 from a full server and 503 from one still loading, with their Retry-After. */
  private static List<Exchange> busyAndLoading() throws Exception {
    List<Exchange> seen = new ArrayList<>();
    try (QaServer loading = QaServer.start(new ServerOptions("127.0.0.1", 0, 1, 0, 1000, 65_536, 60_000, null))) {
      Http h = new Http(loading.url());
      seen.add(new Exchange("GET", "/ready", h.get("/ready")));
      seen.add(new Exchange("POST", "/v1/answer", h.postJson("/v1/answer", Map.of("question", "Who?"))));
      GatedBackend gated = new GatedBackend(Backend.of(TinyQa.get().open()));
      loading.ready(gated);
      CompletableFuture<Http.Reply> held = CompletableFuture.supplyAsync(() -> h.postJson("/v1/answer", Map.of("question", "Who?")));
      LifecycleTest.await(() -> gated.entered.get() == 1, "a request to reach the backend");
      seen.add(new Exchange("POST", "/v1/answer", h.postJson("/v1/answer", Map.of("question", "Who?"))));
      gated.open();
      seen.add(new Exchange("POST", "/v1/answer", held.join()));
    }
    return seen;
  }

  private static Exchange exchange(String method, String path) {
    return new Exchange(method, path, http.method(method, path));
  }

  /** What is wrong with this exchange against the spec, if anything. */
  private static List<String> check(Exchange e) {
    String what = e.method() + " " + e.path().replaceAll("(.{80}).+", "$1...") + " -> " + e.reply().status();
    String template = template(e.path().replaceAll("\\?.*", ""));
    PathItem item = template == null ? null : spec.getPaths().get(template);
    Operation op = item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(e.method()));
    int status = e.reply().status();
    if (op == null && status != 405) {
      return List.of(what + ": the operation is not in the spec");
    }
    if (op == null) {
      op = item.readOperationsMap().values().iterator().next(); // a 405 is described on the path's operations
    }
    ApiResponse response = op.getResponses().get(Integer.toString(status));
    if (response == null) {
      return List.of(what + ": status not described");
    }
    if (response.get$ref() != null) {
      response = spec.getComponents().getResponses().get(response.get$ref().replaceAll(".*/", ""));
    }
    List<String> problems = new ArrayList<>();
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((name, header) -> {
        Header h = header.get$ref() == null ? header : spec.getComponents().getHeaders().get(header.get$ref().replaceAll(".*/", ""));
        if (Boolean.TRUE.equals(h.getRequired()) && e.reply().header(name) == null) {
          problems.add(what + ": header " + name + " is missing");
        }
      });
    }
    String type = e.reply().contentType().replaceAll(";.*", "").strip();
    if (e.method().equals("HEAD") || status == 204) {
      return problems;
    }
    if (response.getContent() == null || !response.getContent().containsKey(type)) {
      problems.add(what + ": media type " + type + " not described");
      return problems;
    }
    if (type.endsWith("json")) {
      String pointer = pointer(template, e.method(), status, op, type);
      Schema schema = schemas.getSchema(SchemaLocation.of(SPEC_URI + "#" + pointer));
      List<Error> errors = schema.validate(e.reply().json());
      for (Error err : errors) {
        problems.add(what + ": " + err);
      }
    }
    return problems;
  }

  /** The JSON pointer of the response's schema, through a shared response when it is one. */
  private static String pointer(String template, String method, int status, Operation op, String type) {
    ApiResponse r = op.getResponses().get(Integer.toString(status));
    String base = r.get$ref() != null ? r.get$ref().substring(1)
        : "/paths/" + escape(template) + "/" + method.toLowerCase() + "/responses/" + status;
    return base + "/content/" + escape(type) + "/schema";
  }

  private static String escape(String s) {
    return s.replace("~", "~0").replace("/", "~1");
  }

  /** The spec's path template that matches a concrete path. */
  private static String template(String path) {
    for (String t : spec.getPaths().keySet()) {
      if (path.matches(t.replaceAll("\\{[^}]+}", "[^/]+").replace(".", "\\."))) {
        return t;
      }
    }
    return null;
  }
}

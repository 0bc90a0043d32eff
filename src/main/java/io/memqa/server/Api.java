package io.memqa.server;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import io.memqa.corpus.Passage;
import io.memqa.qa.Answers;
import io.memqa.retrieve.Hit;
import io.memqa.retrieve.RetrieverSource;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** The {@code /v1} endpoints: parse and check the request, do the work under admission control, reply. */
final class Api {
  static final int MAX_K = 100;

  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** The reply of {@code /v1/search}. */
  record SearchReply(String question, List<Answers.PassageRef> hits, SearchTimings timings) {}

  record SearchTimings(double retrieveMs) {}

  private final ServerOptions options;
  private final Admission admission;
  private final Supplier<Backend> backend;
  private final Metrics metrics;

  Api(ServerOptions options, Admission admission, Supplier<Backend> backend, Metrics metrics) {
    this.options = options;
    this.admission = admission;
    this.backend = backend;
    this.metrics = metrics;
  }

  void answerPost(Context ctx) {
    JsonNode body = readJson(ctx);
    reply(ctx, answer(AnswerRequest.fromJson(body, options.maxQuestionChars())));
  }

  void answerGet(Context ctx) {
    Inputs.onlyParams(ctx.queryParamMap(), AnswerRequest.QUERY);
    reply(ctx, answer(AnswerRequest.fromQuery(ctx::queryParam, options.maxQuestionChars())));
  }

  static final List<String> SEARCH_QUERY = List.of("q", "k", "retriever");

  void search(Context ctx) {
    Inputs.onlyParams(ctx.queryParamMap(), SEARCH_QUERY);
    String q = Inputs.question(ctx.queryParam("q"), options.maxQuestionChars());
    int k = Inputs.intParam("k", ctx.queryParam("k"), 5, 1, MAX_K);
    RetrieverSource.Kind kind = AnswerRequest.retriever(ctx.queryParam("retriever"));
    Backend b = backend.get();
    reply(ctx, admission.call(() -> {
      long t0 = System.nanoTime();
      List<Hit> hits = b.search(q, k, kind);
      double ms = Math.round((System.nanoTime() - t0) / 1e4) / 100.0;
      List<Answers.PassageRef> refs = hits.stream()
          .map(h -> Answers.PassageRef.of(h.passage(), h.rank(), h.score()))
          .toList();
      return new SearchReply(q, refs, new SearchTimings(ms));
    }));
  }

  void passage(Context ctx) {
    Inputs.onlyParams(ctx.queryParamMap(), List.of());
    reply(ctx, findPassage(backend.get(), Inputs.text("passage id", ctx.pathParam("id"), Inputs.MAX_ID_CHARS)));
  }

  /**
   * Answers {@code question} on {@code b} as a POST of it is answered (the body parsed, the reply
   * written), but on the calling thread and outside the metrics: warming up a worker.
   */
  byte[] warmUp(Backend b, String question) {
    try {
      JsonNode body = JSON.readTree(JSON.writeValueAsBytes(java.util.Map.of("question", question)));
      AnswerRequest r = AnswerRequest.fromJson(body, options.maxQuestionChars());
      return JSON.writeValueAsBytes(b.answer(r.question(), r.options()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("warm-up question " + question, e);
    }
  }

  private Answers answer(AnswerRequest r) {
    Backend b = backend.get();
    Passage closed = r.passageId() != null ? findPassage(b, r.passageId())
        : r.context() != null ? new Passage("context", "", r.context()) : null;
    Answers a = admission.call(() -> closed == null ? b.answer(r.question(), r.options()) : b.answer(r.question(), closed, r.options()));
    metrics.stages(a.timings());
    return a;
  }

  private static Passage findPassage(Backend b, String id) {
    return b.passage(id).orElseThrow(() -> ApiProblem.notFound("no passage with id \"" + Inputs.shorten(id) + "\""));
  }

  /** The body as JSON: only application/json in UTF-8, and no more than the body limit. */
  private JsonNode readJson(Context ctx) {
    String type = ctx.header("Content-Type");
    if (!isJson(type)) {
      throw new ApiProblem(415, "Unsupported media type",
          "send the body as application/json (UTF-8), not " + (type == null ? "no Content-Type" : "\"" + Inputs.shorten(type) + "\""));
    }
    long declared = ctx.req().getContentLengthLong();
    int limit = options.maxBodyBytes();
    if (declared > limit) {
      throw tooLarge(limit); // the filter reads and drops the rest (Draining)
    }
    byte[] bytes;
    try {
      bytes = ctx.req().getInputStream().readNBytes(limit + 1);
    } catch (IOException | RuntimeException e) {
      throw ApiProblem.badRequest("could not read the body: " + Inputs.shorten(String.valueOf(e.getMessage())));
    }
    if (bytes.length > limit) {
      throw tooLarge(limit);
    }
    if (bytes.length == 0) {
      throw ApiProblem.badRequest("the body is empty; send {\"question\": \"...\"}");
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw ApiProblem.badRequest("malformed JSON: " + Inputs.shorten(String.valueOf(why)));
    }
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
    if (!parts[0].strip().equals("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
        return false;
      }
    }
    return true;
  }

  private static ApiProblem tooLarge(int limit) {
    return new ApiProblem(413, "Content too large", "the body is larger than the " + limit + "-byte limit");
  }

  static void reply(Context ctx, Object value) {
    try {
      ctx.contentType("application/json").result(JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new IllegalStateException("could not write the reply", e);
    }
  }
}

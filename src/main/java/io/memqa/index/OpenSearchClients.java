package io.memqa.index;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * Opens the official OpenSearch client for a target, and turns what goes wrong talking to a
 * cluster into messages that say what failed, where, and why.
 */
public final class OpenSearchClients {
  /** How long to wait for a connection to a node. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  static final ObjectMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private OpenSearchClients() {}

  /** A client for the cluster at {@code target}; a request that gets no reply within {@code timeout} fails. */
  public static OpenSearchClient open(OpenSearchTarget target, Duration timeout) {
    HttpHost host = new HttpHost(target.url().getScheme(), target.url().getHost(), port(target));
    ApacheHttpClient5TransportBuilder b = ApacheHttpClient5TransportBuilder.builder(host)
        .setMapper(new JacksonJsonpMapper(JSON))
        .setConnectionConfigCallback(c -> c.setConnectTimeout(Timeout.of(CONNECT_TIMEOUT))
            .setSocketTimeout(Timeout.of(timeout)))
        .setRequestConfigCallback(r -> r.setResponseTimeout(Timeout.of(timeout)));
    if (!target.pathPrefix().isEmpty()) {
      b.setPathPrefix(target.pathPrefix());
    }
    return new OpenSearchClient(b.build());
  }

  private static int port(OpenSearchTarget target) {
    int p = target.url().getPort();
    return p > 0 ? p : target.url().getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  /** Closes the client's connections. */
  public static void close(OpenSearchClient client) throws IOException {
    client._transport().close();
  }

  /**
   * Whether a failure means the cluster is (perhaps briefly) unable to answer, rather than a
   * mistake in the request: no connection, a time-out, or a busy or failing reply.
   */
  public static boolean isUnavailable(Exception e) {
    if (e instanceof OpenSearchException o) {
      return isUnavailable(o.status());
    }
    if (e instanceof ResponseException r) {
      return isUnavailable(r.status());
    }
    return e instanceof IOException && !(e instanceof OpenSearchRefusedException);
  }

  /** Busy (429) or failing (5xx): the cluster's trouble, not the request's, and worth another try later. */
  static boolean isUnavailable(int status) {
    return status == 429 || status >= 500;
  }

  /** {@code e} as an IOException that says which cluster failed and how (refusals pass unchanged). */
  public static IOException describe(OpenSearchTarget target, Exception e) {
    if (e instanceof OpenSearchRefusedException r) {
      return r;
    }
    return new IOException("OpenSearch at " + target.url() + ": " + reason(e), e);
  }

  /** One line saying what went wrong, e.g. "Connection refused" or "429 es_rejected_execution_exception: ...". */
  public static String reason(Exception e) {
    if (e instanceof OpenSearchException o) {
      return o.status() + " " + o.error().type() + ": " + o.error().reason();
    }
    if (e instanceof ResponseException r) {
      return r.status() + " " + errorReason(body(r));
    }
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      if (t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof UnknownHostException) {
        break;
      }
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (t instanceof UnknownHostException) {
      m = "unknown host " + m;
    } else if (t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
      m = "no reply in time (" + m + ")";
    }
    return m.lines().findFirst().orElse(m);
  }

  /** Sends a request with a JSON body (or none) and returns the reply's JSON; empty on 404. */
  public static Optional<JsonNode> call(OpenSearchClient client, String method, String endpoint, String json)
      throws IOException {
    Requests.JsonBodyBuilder r = Requests.builder().method(method).endpoint(endpoint);
    if (json != null) {
      r.json(json);
    }
    int status;
    String body;
    try (Response response = client.generic().execute(r.build())) {
      status = response.getStatus();
      body = response.getBody().map(Body::bodyAsString).orElse("");
    } catch (ResponseException e) {
      // The transport itself turns some statuses (5xx) into this; the reply follows its first line.
      status = e.status();
      body = body(e);
    }
    if (status == 404) {
      return Optional.empty();
    }
    if (status >= 300) {
      String why = status + " " + errorReason(body);
      if (isUnavailable(status)) {
        throw new IOException(why);
      }
      throw new OpenSearchRefusedException(method + " " + endpoint + " was refused: " + why);
    }
    return Optional.of(body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String body(ResponseException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? "" : m.substring(nl + 1);
  }

  private static String errorReason(String body) {
    try {
      JsonNode e = JSON.readTree(body).path("error");
      if (e.isObject()) {
        return e.path("type").asText() + ": " + e.path("reason").asText();
      }
      return e.isMissingNode() ? body : e.asText();
    } catch (IOException | RuntimeException ex) {
      return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
  }

  /** The documents in an index; a count that misses shards is an error, not a smaller number. */
  public static long count(OpenSearchClient client, String index) throws IOException {
    JsonNode reply = call(client, "GET", "/" + index + "/_count", null)
        .orElseThrow(() -> new OpenSearchRefusedException("no index \"" + index + "\""));
    JsonNode shards = reply.path("_shards");
    if (shards.path("failed").asInt() > 0) {
      throw new IOException(shards.path("failed").asInt() + " of " + shards.path("total").asInt()
          + " shards did not answer");
    }
    return reply.path("count").asLong();
  }

  /** Waits up to {@code seconds} for the index's primary shards to be active. */
  static void awaitPrimaries(OpenSearchClient client, String index, int seconds) throws IOException {
    JsonNode health = call(client, "GET", "/_cluster/health/" + index + "?wait_for_status=yellow&timeout=" + seconds + "s", null)
        .orElseThrow(() -> new IOException("index " + index + " disappeared"));
    if (health.path("timed_out").asBoolean(false)) {
      throw new IOException("the shards of " + index + " did not start within " + seconds + " s (cluster status "
          + health.path("status").asText() + ")");
    }
  }
}

package io.memqa.retrieve;

/**
 * The retriever's back end cannot answer right now (an OpenSearch cluster unreachable, too slow,
 * or with shards missing); the same request may succeed later. The service answers 503.
 */
public final class RetrieverUnavailableException extends RuntimeException {
  public RetrieverUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

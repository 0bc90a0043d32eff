package io.memqa.index;

import java.io.IOException;

/**
 * OpenSearch answered, and the answer rules the request out: an error reply that retrying will
 * not fix, or an index memqa cannot use. The message says what to do.
 */
public final class OpenSearchRefusedException extends IOException {
  public OpenSearchRefusedException(String message) {
    super(message);
  }
}

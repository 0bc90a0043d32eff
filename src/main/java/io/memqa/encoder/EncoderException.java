package io.memqa.encoder;

import java.io.IOException;

/**
 * An encoder cannot be used: its jar is missing from the classpath, its files are unreadable, or
 * it is not the encoder an index or model was built with. The message says what and what to do.
 */
public final class EncoderException extends IOException {
  private static final long serialVersionUID = 1L;

  public EncoderException(String message) {
    super(message);
  }

  public EncoderException(String message, Throwable cause) {
    super(message, cause);
  }
}

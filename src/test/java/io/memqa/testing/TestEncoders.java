package io.memqa.testing;

import io.memqa.encoder.EncoderException;
import io.memqa.encoder.KnownEncoder;
import io.memqa.encoder.PretrainedEncoder;
import java.io.UncheckedIOException;

/** The int8 MiniLM encoder, loaded once per test JVM and shared (it is thread-safe). */
public final class TestEncoders {
  private static PretrainedEncoder small;

  private TestEncoders() {}

  /** The shared {@code minilm-l6-v2-q} encoder; tests must not close it. */
  public static synchronized PretrainedEncoder small() {
    if (small == null) {
      try {
        small = PretrainedEncoder.open(KnownEncoder.MINILM_L6_V2_Q, 1);
      } catch (EncoderException e) {
        throw new UncheckedIOException(e);
      }
    }
    return small;
  }
}

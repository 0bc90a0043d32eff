package io.memqa.encoder;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * What exactly an encoder is: record it with anything built from its vectors (an index, a model)
 * and check it with {@link PretrainedEncoder#verify} when that artifact is loaded again, so that
 * vectors from one encoder are never compared with vectors from another.
 *
 * @param encoder the {@link KnownEncoder#id()}
 * @param artifact Maven coordinates {@code group:artifact:version} of the jar the model came from
 * @param modelSha256 SHA-256 of the ONNX model's bytes
 * @param tokenizerSha256 SHA-256 of the tokenizer.json bytes
 * @param dimension vector width
 * @param pooling {@link KnownEncoder.Pooling} name
 * @param maxTokens longest input in word pieces before truncation
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EncoderIdentity(
    String encoder,
    String artifact,
    String modelSha256,
    String tokenizerSha256,
    int dimension,
    String pooling,
    int maxTokens) {

  /** The fields in which {@code other} differs from this identity, as readable phrases. */
  public List<String> differences(EncoderIdentity other) {
    List<String> d = new ArrayList<>();
    diff(d, "encoder", encoder, other.encoder);
    diff(d, "artifact", artifact, other.artifact);
    diff(d, "model SHA-256", modelSha256, other.modelSha256);
    diff(d, "tokenizer SHA-256", tokenizerSha256, other.tokenizerSha256);
    diff(d, "dimension", String.valueOf(dimension), String.valueOf(other.dimension));
    diff(d, "pooling", pooling, other.pooling);
    diff(d, "max tokens", String.valueOf(maxTokens), String.valueOf(other.maxTokens));
    return d;
  }

  private static void diff(List<String> out, String what, String expected, String actual) {
    if (expected == null ? actual != null : !expected.equals(actual)) {
      out.add(what + " " + expected + " (loaded: " + actual + ")");
    }
  }
}

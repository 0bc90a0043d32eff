package io.memqa.index;

import io.memqa.corpus.Passage;
import io.memqa.encoder.EncoderIdentity;
import io.memqa.encoder.KnownEncoder;
import io.memqa.encoder.PretrainedEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Dense passage vectors for an index: which encoder makes them and how they are stored. The
 * encoder is shared by the indexing threads (it is thread-safe) and closed by whoever opened it.
 */
public record PassageVectors(PretrainedEncoder encoder, VectorFormat format) {
  /** The encoder of dense indexes unless told otherwise (chosen by recall and cost, see README). */
  public static final KnownEncoder DEFAULT_ENCODER = KnownEncoder.MINILM_L6_V2_Q;
  /** How vectors are stored unless told otherwise (see README, "Hybrid retrieval"). */
  public static final VectorFormat DEFAULT_FORMAT = VectorFormat.INT8;

  public PassageVectors {
    if (encoder == null || format == null) {
      throw new IllegalArgumentException("passage vectors need an encoder and a vector format");
    }
  }

  /** What a dense index records about its vectors, in {@link IndexStats#vectors()}. */
  public record Stats(EncoderIdentity encoder, String format) {}

  Stats stats() {
    return new Stats(encoder.identity(), format.id());
  }

  /** The text a passage's vector encodes: its title (Wikipedia underscores as spaces) and text. */
  public static String text(Passage p) {
    String title = p.title().replace('_', ' ').strip();
    return title.isEmpty() ? p.text() : title + "\n" + p.text();
  }

  float[][] encode(List<Passage> passages) {
    List<String> texts = new ArrayList<>(passages.size());
    for (Passage p : passages) {
      texts.add(text(p));
    }
    return encoder.embed(texts);
  }
}

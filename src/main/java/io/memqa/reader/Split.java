package io.memqa.reader;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named parts of the last axis of an array: several linear maps of one input are computed as one
 * matrix product (one native call instead of several), and each output is taken back by its name
 * rather than by offsets repeated at every use.
 */
final class Split {
  private final String[] names;
  private final long[] cuts;

  /** Alternating names and widths: {@code new Split("start", 64, "end", 64)}. */
  Split(Object... namesAndWidths) {
    if (namesAndWidths.length == 0 || namesAndWidths.length % 2 != 0) {
      throw new IllegalArgumentException("names and widths must alternate");
    }
    int parts = namesAndWidths.length / 2;
    names = new String[parts];
    cuts = new long[parts - 1];
    long at = 0;
    for (int i = 0; i < parts; i++) {
      names[i] = (String) namesAndWidths[2 * i];
      at += (Integer) namesAndWidths[2 * i + 1];
      if (i + 1 < parts) {
        cuts[i] = at;
      }
    }
  }

  /** The parts of {@code x} along its last axis, by name. */
  Map<String, NDArray> apply(NDArray x) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    long end = x.getShape().get(x.getShape().dimension() - 1);
    for (int i = 0; i < names.length; i++) {
      long from = i == 0 ? 0 : cuts[i - 1];
      long to = i < cuts.length ? cuts[i] : end;
      out.put(names[i], x.get("..., " + from + ":" + to));
    }
    return out;
  }
}

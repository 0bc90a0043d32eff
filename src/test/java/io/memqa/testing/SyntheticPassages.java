package io.memqa.testing;

import io.memqa.corpus.Passage;
import io.memqa.corpus.PassageReader;
import java.util.NoSuchElementException;
import java.util.function.LongConsumer;

/** Made-up passages "s-1", "s-2", ... of 40 words each; {@code onPassage} sees each number first. */
public final class SyntheticPassages implements PassageReader {
  private static final String[] WORDS = {
    "river", "castle", "empire", "treaty", "engine", "violin", "harbor", "comet", "glacier", "senate",
    "novel", "vaccine", "bridge", "desert", "orbit", "poet", "cathedral", "railway", "island", "dynasty",
    "protein", "canal", "opera", "volcano", "reactor", "monsoon", "parliament", "telescope", "mosaic", "frontier"
  };
  private final long count;
  private final LongConsumer onPassage;
  private long produced;

  public SyntheticPassages(long count, LongConsumer onPassage) {
    this.count = count;
    this.onPassage = onPassage;
  }

  @Override
  public boolean hasNext() {
    return produced < count;
  }

  @Override
  public Passage next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    long n = ++produced;
    onPassage.accept(n);
    StringBuilder text = new StringBuilder();
    long x = n * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < 40; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      text.append(WORDS[(int) Math.floorMod(x, (long) WORDS.length)]).append(' ');
    }
    return new Passage("s-" + n, "Synthetic " + n, text.append(n).toString());
  }

  @Override
  public long skipped() {
    return 0;
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  public void close() {}
}

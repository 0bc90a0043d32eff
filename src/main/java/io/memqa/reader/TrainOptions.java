package io.memqa.reader;

/**
 * How to train: epochs and early-stopping patience, batch size, learning rate and its decay
 * (the rate of epoch e is {@code learningRate * learningRateDecay^(e-1)}), the share of
 * questions read from retrieved passages (open setting) rather than their gold paragraph, the
 * held-out slice for early stopping, the seed, and the threads preparing batches.
 */
public record TrainOptions(
    int maxEpochs,
    int patience,
    int batchSize,
    float learningRate,
    float learningRateDecay,
    float openFraction,
    double heldOutFraction,
    int heldOutLimit,
    int limit,
    long seed,
    int threads) {

  public TrainOptions {
    check(maxEpochs >= 1 && maxEpochs <= 1000, "epochs must be 1..1000");
    check(patience >= 1, "patience must be at least 1");
    check(batchSize >= 1 && batchSize <= 4096, "batch size must be 1..4096");
    check(learningRate > 0 && learningRate < 1, "learning rate must be in (0,1)");
    check(learningRateDecay > 0 && learningRateDecay <= 1, "learning-rate decay must be in (0,1]");
    check(openFraction >= 0 && openFraction <= 1, "open fraction must be in [0,1]");
    check(heldOutFraction > 0 && heldOutFraction < 0.5, "held-out fraction must be in (0,0.5)");
    check(heldOutLimit >= 1, "held-out limit must be at least 1");
    check(limit >= 0, "limit must be 0 (all) or more");
    check(threads >= 1 && threads <= 64, "threads must be 1..64");
  }

  public static TrainOptions defaults() {
    return new TrainOptions(1, 1, 32, 2e-3f, 0.5f, 0.3f, 0.05, 2000, 0, 17, 2);
  }

  /** The learning rate of epoch {@code epoch} (1-based). */
  public float learningRate(int epoch) {
    return (float) (learningRate * Math.pow(learningRateDecay, epoch - 1));
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}

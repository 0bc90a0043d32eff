package io.memqa.reader;

/**
 * How to train: epochs and early-stopping patience, batch size, learning rate and its decay
 * (the rate of epoch e starts at {@code learningRate * learningRateDecay^(e-1)} and falls linearly
 * within the epoch to {@code annealTo} times that at its last batch; the embedding tables learn at
 * {@code tableRate} times it, 0 freezing them), the decay of the moving average of the weights
 * that is saved and scored instead of the last weights (0: none, the last weights are saved), the share of
 * questions read from retrieved passages (open setting) rather than their gold paragraph, the
 * held-out slice for early stopping, the seed, and the threads preparing batches.
 */
public record TrainOptions(
    int maxEpochs,
    int patience,
    int batchSize,
    float learningRate,
    float learningRateDecay,
    float annealTo,
    float tableRate,
    float averageDecay,
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
    check(annealTo >= 0 && annealTo <= 1, "anneal-to must be in [0,1]");
    check(tableRate >= 0 && tableRate <= 1, "table-rate must be in [0,1]");
    check(averageDecay >= 0 && averageDecay < 1, "average decay must be in [0,1)");
    check(openFraction >= 0 && openFraction <= 1, "open fraction must be in [0,1]");
    check(heldOutFraction > 0 && heldOutFraction < 0.5, "held-out fraction must be in (0,0.5)");
    check(heldOutLimit >= 1, "held-out limit must be at least 1");
    check(limit >= 0, "limit must be 0 (all) or more");
    check(threads >= 1 && threads <= 64, "threads must be 1..64");
  }

  public static TrainOptions defaults() {
    return new TrainOptions(1, 1, 32, 2e-3f, 0.5f, 1f, 1f, 0f, 0.3f, 0.05, 2000, 0, 17, 2);
  }

  /** Whether the saved weights are a moving average rather than the last ones. */
  public boolean averagesWeights() {
    return averageDecay > 0;
  }

  /** The learning rate at the start of epoch {@code epoch} (1-based). */
  public float learningRate(int epoch) {
    return (float) (learningRate * Math.pow(learningRateDecay, epoch - 1));
  }

  /**
   * The learning rate of batch {@code batch} (0-based) of {@code batches} in epoch {@code epoch}:
   * the epoch's rate, annealed linearly to {@code annealTo} of it at the last batch.
   */
  public float learningRate(int epoch, int batch, int batches) {
    double done = batches <= 1 ? 0 : (double) batch / (batches - 1);
    return (float) (learningRate(epoch) * (1 - (1 - annealTo) * done));
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}

package io.memqa.eval;

import io.memqa.util.BadInputException;

/**
 * Settings of an answer evaluation that change its figures, with their defaults in one place.
 *
 * @param confidenceThreshold a top answer with at least this score counts as given confidently
 */
public record EvalConfig(double confidenceThreshold) {
  public static final double DEFAULT_CONFIDENCE_THRESHOLD = io.memqa.reader.Calibration.CONFIDENT;

  public EvalConfig {
    if (!(confidenceThreshold >= 0 && confidenceThreshold <= 1)) {
      throw new BadInputException("--confidence-threshold must be between 0 and 1, got " + confidenceThreshold);
    }
  }

  public static EvalConfig defaults() {
    return new EvalConfig(DEFAULT_CONFIDENCE_THRESHOLD);
  }
}

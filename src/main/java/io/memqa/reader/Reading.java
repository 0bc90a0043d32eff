package io.memqa.reader;

import io.memqa.memory.Slot;
import java.util.List;

/**
 * What the reader made of a memory: the best candidate answers (probability over all slots,
 * occurrences of the same normalised answer added up) and, per hop, the most attended slots.
 */
public record Reading(List<Candidate> answers, List<List<Attention>> hops) {

  /**
   * A candidate answer: its best slot, its text, the probability that it is right (calibrated on
   * held-out questions) and the network's own probability (all its slots pooled).
   */
  public record Candidate(Slot slot, String text, double probability, double networkProbability) {}

  /** One slot's attention weight in one hop. */
  public record Attention(Slot slot, double weight) {}
}

package io.memqa.reader;

import io.memqa.memory.Slot;
import java.util.List;

/**
 * What the reader made of a memory: the best candidate answers and, per hop, where its attention
 * went: its share on each passage and on the most attended sentences, and the most attended slots.
 * Shares are absolute (a hop's attention over all slots sums to 1), so 0.4 means 40%.
 */
public record Reading(List<Candidate> answers, List<Hop> hops) {

  /** One hop's attention: per passage (all of them), per sentence and per slot (the largest). */
  public record Hop(List<Share> passages, List<SentenceShare> sentences, List<Attention> slots) {}

  /** The attention on one passage of the memory (by its index there). */
  public record Share(int passage, double weight) {}

  /** The attention on one sentence (by its id in the passage). */
  public record SentenceShare(int passage, int sentence, double weight) {}

  /**
   * A candidate answer: its best slot, its text, the probability that it is right (calibrated on
   * held-out questions) and the network's own probability (all its slots pooled).
   */
  public record Candidate(Slot slot, String text, double probability, double networkProbability) {}

  /** One slot's attention weight in one hop. */
  public record Attention(Slot slot, double weight) {}
}

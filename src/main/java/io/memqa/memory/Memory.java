package io.memqa.memory;

import io.memqa.text.Tokens;
import java.util.List;

/** The key-value memory for one question: its passages and the slots built from them. */
public record Memory(String question, Tokens questionTokens, List<MemoryPassage> passages, List<Slot> slots) {
  /** The original text of a slot's value (the candidate answer). */
  public String valueText(Slot s) {
    return passages.get(s.passage()).tokens().span(s.first(), s.last());
  }

  /** The original text of a slot's key window. */
  public String keyText(Slot s) {
    return passages.get(s.passage()).tokens().span(s.keyFirst(), s.keyLast());
  }

  public MemoryPassage passageOf(Slot s) {
    return passages.get(s.passage());
  }
}

package io.memqa.reader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reader's hand-made input features, looked up by name. {@link Featurizer} writes them,
 * {@link Example} and {@link BatchTensors} carry them as flat rows of their group's width, and
 * {@link KvMemNet} sizes its weights from the group widths; a model records the names it was
 * trained with ({@link ReaderConfig#features()}) so that loading refuses another set.
 */
public enum Feature {
  // Per passage token, independent of the question.
  CAPITALISED(Group.TOKEN),
  ALL_CAPS(Group.TOKEN),
  HAS_DIGIT(Group.TOKEN),
  PUNCTUATION(Group.TOKEN),
  FUNCTION_WORD(Group.TOKEN),
  SENTENCE_START(Group.TOKEN),

  // Per passage token, against the question.
  /** The lower-cased word is a question content word. */
  EXACT_MATCH(Group.MATCH),
  /** Its stem is the stem of a question content word. */
  STEM_MATCH(Group.MATCH),
  /** The word pair ending or starting here is a question word pair. */
  BIGRAM_MATCH(Group.MATCH),
  /** Best cosine of its pretrained vector to any question content word's (0 without vectors). */
  SOFT_MATCH(Group.MATCH),

  // Per slot (candidate answer).
  INVERSE_RANK(Group.SLOT),
  RETRIEVAL_SCORE(Group.SLOT),
  TITLE_OVERLAP(Group.SLOT),
  /** Share of the span's content words that are question words: answers rarely repeat the question. */
  SPAN_OVERLAP(Group.SLOT),
  SENTENCE_MATCH(Group.SLOT),
  SPAN_LENGTH(Group.SLOT),
  BEST_SENTENCE(Group.SLOT),
  NEAREST_MATCH(Group.SLOT),
  /** Mean over question content words of their best cosine within the span's sentence. */
  SENTENCE_SOFT_MATCH(Group.SLOT);

  /** Where a feature lives: one row of its group's width per token, token-question pair or slot. */
  public enum Group {
    TOKEN,
    MATCH,
    SLOT;

    /** The features of this group, in row order. */
    public List<Feature> members() {
      return MEMBERS.get(ordinal());
    }

    /** The row width: how many features the group has. */
    public int width() {
      return members().size();
    }
  }

  private static final List<List<Feature>> MEMBERS;
  private static final int[] INDEX = new int[values().length];

  static {
    List<List<Feature>> members = new ArrayList<>();
    for (Group g : Group.values()) {
      List<Feature> m = new ArrayList<>();
      for (Feature f : values()) {
        if (f.group == g) {
          INDEX[f.ordinal()] = m.size();
          m.add(f);
        }
      }
      members.add(List.copyOf(m));
    }
    MEMBERS = List.copyOf(members);
  }

  private final Group group;

  Feature(Group group) {
    this.group = group;
  }

  public Group group() {
    return group;
  }

  /** This feature's position in its group's row. */
  public int index() {
    return INDEX[ordinal()];
  }

  /** The names of all features, in declaration order: what a model records. */
  public static List<String> names() {
    return Arrays.stream(values()).map(Enum::name).toList();
  }
}

package io.memqa.reader;

import io.memqa.text.Tokens;
import java.util.Locale;

/** The kind of answer a question asks for, read off its wh-word; an input of the reader. */
public enum QuestionType {
  OTHER, WHAT, WHICH, WHO, WHEN, WHERE, WHY, HOW, HOW_MANY, HOW_MUCH, HOW_LONG, HOW_ADJECTIVE, WHOSE, NAME;

  public static QuestionType of(Tokens q) {
    for (int i = 0; i < q.size(); i++) {
      String w = q.word(i).toLowerCase(Locale.ROOT);
      String next = i + 1 < q.size() ? q.word(i + 1).toLowerCase(Locale.ROOT) : "";
      QuestionType t =
          switch (w) {
            case "what" -> WHAT;
            case "which" -> WHICH;
            case "who", "whom" -> WHO;
            case "whose" -> WHOSE;
            case "when" -> WHEN;
            case "where" -> WHERE;
            case "why" -> WHY;
            case "how" ->
                switch (next) {
                  case "many" -> HOW_MANY;
                  case "much" -> HOW_MUCH;
                  case "long" -> HOW_LONG;
                  case "old", "far", "big", "large", "tall", "high", "often", "fast", "deep", "wide" -> HOW_ADJECTIVE;
                  default -> HOW;
                };
            case "name", "list", "identify" -> i == 0 ? NAME : null;
            default -> null;
          };
      if (t != null) {
        return t;
      }
    }
    return OTHER;
  }
}

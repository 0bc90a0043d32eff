package io.memqa.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PythonStringListTest {
  @Test
  void readsBothQuoteStylesEscapedQuotesCommasAndUnicode() {
    assertThat(PythonStringList.parse("['it\\'s', \"say \\\"hi\\\"\", 'a, b', 'Röntgen']"))
        .containsExactly("it's", "say \"hi\"", "a, b", "Röntgen");
    assertThat(PythonStringList.parse("[\"Sandra Day O'Connor\"]")).containsExactly("Sandra Day O'Connor");
  }

  @Test
  void decodesPythonEscapes() {
    assertThat(PythonStringList.parse("['a\\\\b', 'n\\nt\\t', '\\xa0', '\\u200e', '\\U0001F681', '\\101', '\\N{BLACK HEART SUIT}']"))
        .containsExactly("a\\b", "n\nt\t", "\u00a0", "\u200e", "🚁", "A", "♥");
  }

  @Test
  void keepsUnknownEscapesAsPythonDoes() {
    assertThat(PythonStringList.parse("['\\d+\\s']")).containsExactly("\\d+\\s");
  }

  @Test
  void acceptsSpacingTrailingCommaAdjacentLiteralsAndEmptyList() {
    assertThat(PythonStringList.parse("  [ 'a' ,'b', ]  ")).containsExactly("a", "b");
    assertThat(PythonStringList.parse("['ab' \"cd\"]")).containsExactly("abcd");
    assertThat(PythonStringList.parse("[]")).isEmpty();
    assertThat(PythonStringList.parse("['']")).containsExactly("");
  }

  @Test
  void rejectsMalformedLists() {
    assertThatThrownBy(() -> PythonStringList.parse("Linda Davis")).hasMessageContaining("expected '['");
    assertThatThrownBy(() -> PythonStringList.parse("['abc]")).hasMessageContaining("unterminated string");
    assertThatThrownBy(() -> PythonStringList.parse("['a',")).hasMessageContaining("expected a quoted string");
    assertThatThrownBy(() -> PythonStringList.parse("['a'; 'b']")).hasMessageContaining("expected ',' or ']'");
    assertThatThrownBy(() -> PythonStringList.parse("['a'] x")).hasMessageContaining("unexpected text");
    assertThatThrownBy(() -> PythonStringList.parse("[1, 2]")).hasMessageContaining("expected a quoted string");
    assertThatThrownBy(() -> PythonStringList.parse("['\\xZZ']")).hasMessageContaining("bad \\x");
    assertThatThrownBy(() -> PythonStringList.parse("['\\x+a']")).hasMessageContaining("bad \\x");
    assertThatThrownBy(() -> PythonStringList.parse("['\\U99999999']")).hasMessageContaining("outside Unicode");
    assertThatThrownBy(() -> PythonStringList.parse("['\\N{NO SUCH NAME}']")).hasMessageContaining("unknown character name");
  }
}

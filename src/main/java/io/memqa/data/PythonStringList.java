package io.memqa.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a Python list of string literals as written by {@code repr(list)}: {@code ['a', "it's",
 * 'it\'s', '\xa0']}. Supports single and double quotes, the escapes Python writes (\\ \' \" \n \r
 * \t \xhh \\uhhhh \Uhhhhhhhh, octal) plus \N{NAME}, adjacent literals that Python joins, and a
 * trailing comma. An unknown escape is kept as written, as Python does.
 */
final class PythonStringList {
  private final String s;
  private int pos;

  private PythonStringList(String s) {
    this.s = s;
  }

  /** The strings of the list; IllegalArgumentException says what is wrong and where. */
  static List<String> parse(String literal) {
    return new PythonStringList(literal).list();
  }

  private List<String> list() {
    List<String> items = new ArrayList<>();
    skipSpaces();
    expect('[');
    skipSpaces();
    while (!at(']')) {
      StringBuilder item = new StringBuilder();
      do {
        string(item);
        skipSpaces();
      } while (at('\'') || at('"'));
      items.add(item.toString());
      if (at(',')) {
        pos++;
        skipSpaces();
      } else if (!at(']')) {
        throw error("expected ',' or ']'");
      }
    }
    pos++;
    skipSpaces();
    if (pos != s.length()) {
      throw error("unexpected text after the list");
    }
    return items;
  }

  private void string(StringBuilder out) {
    if (!at('\'') && !at('"')) {
      throw error("expected a quoted string");
    }
    char quote = s.charAt(pos++);
    while (true) {
      if (pos >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(pos++);
      if (c == quote) {
        return;
      }
      if (c == '\\') {
        escape(out);
      } else {
        out.append(c);
      }
    }
  }

  private void escape(StringBuilder out) {
    if (pos >= s.length()) {
      throw error("unterminated string");
    }
    char c = s.charAt(pos++);
    switch (c) {
      case '\\', '\'', '"' -> out.append(c);
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'v' -> out.append('\u000B');
      case '\n' -> {} // a line continuation
      case 'x' -> out.appendCodePoint(hex(2));
      case 'u' -> out.appendCodePoint(hex(4));
      case 'U' -> out.appendCodePoint(hex(8));
      case 'N' -> out.appendCodePoint(named());
      default -> {
        if (c >= '0' && c <= '7') {
          int value = c - '0';
          for (int i = 0; i < 2 && pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '7'; i++) {
            value = value * 8 + (s.charAt(pos++) - '0');
          }
          out.append((char) value);
        } else {
          out.append('\\').append(c);
        }
      }
    }
  }

  private int hex(int digits) {
    int cp = 0;
    for (int i = 0; i < digits; i++) {
      int d = pos < s.length() ? Character.digit(s.charAt(pos), 16) : -1;
      if (d < 0) {
        throw error("bad \\x, \\u or \\U escape");
      }
      cp = cp * 16 + d;
      pos++;
    }
    if (!Character.isValidCodePoint(cp)) {
      throw error("escape outside Unicode");
    }
    return cp;
  }

  private int named() {
    int end = s.indexOf('}', pos);
    if (!at('{') || end < 0) {
      throw error("malformed \\N{...} escape");
    }
    String name = s.substring(pos + 1, end);
    pos = end + 1;
    try {
      return Character.codePointOf(name);
    } catch (IllegalArgumentException e) {
      throw error("unknown character name " + name);
    }
  }

  private boolean at(char c) {
    return pos < s.length() && s.charAt(pos) == c;
  }

  private void expect(char c) {
    if (!at(c)) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpaces() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at character " + (pos + 1) + " of the answer list");
  }
}

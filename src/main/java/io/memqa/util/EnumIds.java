package io.memqa.util;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Enum constants by the names users type (ids such as {@code minilm-l6-v2-q}), case-insensitive. */
public final class EnumIds {
  private EnumIds() {}

  /**
   * The constant of {@code type} whose id is {@code value}.
   *
   * @param what what the constants are, for the message (e.g. "encoder")
   * @throws IllegalArgumentException naming the value and the ids there are
   */
  public static <E extends Enum<E>> E parse(Class<E> type, Function<E, String> id, String value, String what) {
    for (E e : type.getEnumConstants()) {
      if (id.apply(e).equalsIgnoreCase(value)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown " + what + " \"" + value + "\" (expected " + names(type, id) + ")");
  }

  /** The ids of {@code type}'s constants, comma-separated. */
  public static <E extends Enum<E>> String names(Class<E> type, Function<E, String> id) {
    return Arrays.stream(type.getEnumConstants()).map(id).collect(Collectors.joining(", "));
  }
}

package io.memqa.util;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Enum constants by the names users type (ids such as {@code minilm-l6-v2-q}), case-insensitive. */
public final class EnumIds {
  private EnumIds() {}

  /**
   * The constant of {@code type} whose id is {@code value}.
   *
   * @param what what the constants are, for the message (e.g. "encoder")
   * @throws BadInputException naming the value, the nearest id when one is close, and the ids there are
   */
  public static <E extends Enum<E>> E parse(Class<E> type, Function<E, String> id, String value, String what) {
    List<String> ids = Arrays.stream(type.getEnumConstants()).map(id).toList();
    String known = Names.resolve(what, value, ids);
    return type.getEnumConstants()[ids.indexOf(known)];
  }

  /** The ids of {@code type}'s constants, comma-separated. */
  public static <E extends Enum<E>> String names(Class<E> type, Function<E, String> id) {
    return Arrays.stream(type.getEnumConstants()).map(id).collect(Collectors.joining(", "));
  }
}

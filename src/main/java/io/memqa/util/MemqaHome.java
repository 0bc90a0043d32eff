package io.memqa.util;

import java.nio.file.Path;

/**
 * Where memqa keeps its data, indexes and models: the {@code memqa.home} system property (set by
 * the launcher to the project root), else {@code MEMQA_HOME}, else the working directory.
 */
public final class MemqaHome {
  /** The name of the default index (index/squad on disk, "squad" in OpenSearch). */
  public static final String DEFAULT_INDEX = "squad";

  private MemqaHome() {}

  public static Path dir() {
    String prop = System.getProperty("memqa.home");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    String env = System.getenv("MEMQA_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    return Path.of("").toAbsolutePath();
  }

  public static Path data() {
    return dir().resolve("data");
  }

  public static Path indexes() {
    return dir().resolve("index");
  }

  public static Path models() {
    return dir().resolve("models");
  }

  /** Native libraries extracted from jars (git-ignored). */
  public static Path cache() {
    return dir().resolve(".cache");
  }

  /** {@code given}, or the default SQuAD index when none was given. */
  public static Path index(Path given) {
    return given != null ? given : indexes().resolve(DEFAULT_INDEX);
  }

  /** {@code given}, or the default SQuAD model when none was given. */
  public static Path model(Path given) {
    return given != null ? given : models().resolve("squad");
  }
}

package io.memqa.index;

import io.memqa.util.BadInputException;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a memqa index lives in OpenSearch: the cluster's address and the index name (which memqa
 * keeps as an alias of the index it built, so a rebuild can swap in atomically).
 */
public record OpenSearchTarget(URI url, String index) {
  /** An OpenSearch node on this machine with its default port. */
  public static final URI DEFAULT_URL = URI.create("http://localhost:9200");

  /** Lower case letters, digits and {@code . _ -}, as OpenSearch allows, not starting with punctuation. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,199}");

  public OpenSearchTarget {
    if (url == null) {
      throw new BadInputException("no OpenSearch URL given");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new BadInputException("the OpenSearch URL must start with http:// or https://, got " + url);
    }
    if (url.getHost() == null) {
      throw new BadInputException("the OpenSearch URL has no host: " + url);
    }
    if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new BadInputException("give the OpenSearch URL as http[s]://HOST[:PORT][/PATH], without credentials, query or fragment");
    }
    if (index == null || !NAME.matcher(index).matches()) {
      throw new BadInputException("an OpenSearch index name is 1-200 lower-case letters, digits, '.', '_' or '-',"
          + " starting with a letter or digit; got \"" + index + "\"");
    }
  }

  /** The path the cluster is served under (for a proxy), or "" at the root. */
  String pathPrefix() {
    String p = url.getRawPath();
    return p == null || p.equals("/") ? "" : p.replaceAll("/+$", "");
  }

  @Override
  public String toString() {
    return "index \"" + index + "\" at " + url;
  }
}

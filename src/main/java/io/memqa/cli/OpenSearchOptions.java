package io.memqa.cli;

import io.memqa.index.OpenSearchTarget;
import java.net.URI;
import picocli.CommandLine.Option;

/** Where a memqa index lives in OpenSearch; a picocli mixin shared by index and the retrieving commands. */
final class OpenSearchOptions {
  @Option(names = "--opensearch-url", paramLabel = "URL", description = "the OpenSearch cluster (default: http://localhost:9200)")
  URI url;

  @Option(names = "--opensearch-index", paramLabel = "NAME", description = "the memqa index in OpenSearch (default: squad; for index: the dataset's or corpus file's name)")
  String index;

  boolean given() {
    return url != null || index != null;
  }

  /** The target, with {@code defaultIndex} when no index name was given. */
  OpenSearchTarget target(String defaultIndex) {
    return new OpenSearchTarget(url != null ? url : OpenSearchTarget.DEFAULT_URL, index != null ? index : defaultIndex);
  }
}

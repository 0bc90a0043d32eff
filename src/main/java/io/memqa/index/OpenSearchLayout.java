package io.memqa.index;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memqa.util.Checksums;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * How a memqa index looks in OpenSearch, mirroring the Lucene index: one analysed field holding
 * title and text (what BM25 scores), the title analysed on its own (searched again with a small
 * weight), the text stored only; BM25 with memqa's k1 and b as the index's default similarity;
 * the same Lucene analyzer. memqa's metadata (format version, analyzer, BM25 parameters, what was
 * loaded) lives in the mapping's {@code _meta}, so an index is checked before it is searched.
 */
public final class OpenSearchLayout {
  /** Bumped when the layout changes, so that an old index is refused instead of misread. */
  public static final int FORMAT_VERSION = 1;

  /** The index's analyzer, defined in its settings. */
  static final String ANALYZER = "memqa";

  /** OpenSearch's limit on a document id, in bytes. */
  private static final int MAX_ID_BYTES = 512;

  /** memqa's record of an index, kept in the mapping's {@code _meta} under "memqa". */
  public record Meta(int formatVersion, boolean complete, float k1, float b, IndexStats stats) {}

  /** A passage as stored in an OpenSearch document's source, with the document it was cut from. */
  public record Doc(String id, String title, String text, @JsonProperty(Fields.DOC_ID) String docId) {}

  /** A concrete index behind a name, and its memqa metadata (null for an index memqa did not make). */
  record Found(String index, Meta meta) {}

  private OpenSearchLayout() {}

  /** The body that creates an index: settings for loading (no replicas, no refresh) and the mapping. */
  static String createBody(Analyzers analyzer, float k1, float b, int shards, Meta meta) {
    ObjectNode root = OpenSearchClients.JSON.createObjectNode();
    ObjectNode index = root.putObject("settings").putObject("index");
    index.put("number_of_shards", shards);
    index.put("number_of_replicas", 0);
    index.put("refresh_interval", "-1");
    index.putObject("similarity").putObject("default").put("type", "BM25").put("k1", k1).put("b", b);
    // OpenSearch's "english" and "standard" analyzers are Lucene's EnglishAnalyzer and
    // StandardAnalyzer (no stop words) with their defaults: the ones the Lucene index uses.
    String type = switch (analyzer) {
      case ENGLISH -> "english";
      case STANDARD -> "standard";
    };
    index.putObject("analysis").putObject("analyzer").putObject(ANALYZER).put("type", type);
    ObjectNode mappings = root.putObject("mappings");
    mappings.put("dynamic", "strict");
    mappings.set("_meta", metaNode(meta));
    ObjectNode props = mappings.putObject("properties");
    props.putObject(Fields.ID).put("type", "keyword").put("index", false).put("doc_values", false);
    // copy_to gives "contents" the title's and the text's tokens, as the Lucene index's one field
    // does: the same term frequencies and the same length for BM25.
    props.putObject(Fields.TITLE).put("type", "text").put("analyzer", ANALYZER).put("copy_to", Fields.CONTENTS);
    props.putObject(Fields.TEXT).put("type", "text").put("index", false).put("copy_to", Fields.CONTENTS);
    props.putObject(Fields.DOC_ID).put("type", "keyword").put("index", false).put("doc_values", false);
    props.putObject(Fields.CONTENTS).put("type", "text").put("analyzer", ANALYZER);
    return root.toString();
  }

  /** The body that records {@code meta} in an existing index's mapping. */
  static String metaBody(Meta meta) {
    ObjectNode root = OpenSearchClients.JSON.createObjectNode();
    root.set("_meta", metaNode(meta));
    return root.toString();
  }

  private static ObjectNode metaNode(Meta meta) {
    ObjectNode m = OpenSearchClients.JSON.createObjectNode();
    m.set("memqa", OpenSearchClients.JSON.valueToTree(meta));
    return m;
  }

  /** The OpenSearch document id of a passage: its own id, or a digest of one too long for OpenSearch. */
  public static String documentId(String passageId) {
    if (passageId.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES) {
      return passageId;
    }
    return "memqa-sha256-" + Checksums.sha256(passageId.getBytes(StandardCharsets.UTF_8));
  }

  /** The concrete indexes {@code name} stands for (itself, or those of the alias), none if it does not exist. */
  static Map<String, Found> resolve(OpenSearchClient client, String name) throws IOException {
    Map<String, Found> found = new LinkedHashMap<>();
    Optional<JsonNode> reply = OpenSearchClients.call(client, "GET", "/" + name + "/_mapping", null);
    if (reply.isPresent()) {
      for (Map.Entry<String, JsonNode> e : reply.get().properties()) {
        JsonNode memqa = e.getValue().path("mappings").path("_meta").path("memqa");
        Meta meta = memqa.isObject() ? OpenSearchClients.JSON.treeToValue(memqa, Meta.class) : null;
        found.put(e.getKey(), new Found(e.getKey(), meta));
      }
    }
    return found;
  }

  /**
   * The one complete memqa index behind {@code target}, checked: it exists, memqa made it in this
   * layout, and its load finished. Anything else is refused with what to do.
   */
  public static Meta verify(OpenSearchClient client, OpenSearchTarget target) throws IOException {
    Map<String, Found> found = resolve(client, target.index());
    String rebuild = "; load one with ./memqa index --to opensearch --opensearch-url " + target.url()
        + " --opensearch-index " + target.index();
    if (found.isEmpty()) {
      throw new OpenSearchRefusedException("no " + target + rebuild);
    }
    if (found.size() > 1) {
      throw new OpenSearchRefusedException(target + " is an alias of " + found.size() + " indexes " + found.keySet()
          + "; memqa searches one");
    }
    Found f = found.values().iterator().next();
    Meta meta = f.meta();
    if (meta == null) {
      throw new OpenSearchRefusedException(target + " was not made by memqa (no memqa metadata in its mapping)" + rebuild);
    }
    if (meta.formatVersion() != FORMAT_VERSION) {
      throw new OpenSearchRefusedException(target + " has memqa layout version " + meta.formatVersion() + ", this memqa reads "
          + FORMAT_VERSION + rebuild);
    }
    if (!meta.complete() || meta.stats() == null) {
      throw new OpenSearchRefusedException(target + " is incomplete (its load did not finish)" + rebuild);
    }
    return meta;
  }
}

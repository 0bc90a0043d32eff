package io.memqa.testing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.opensearch.Version;
import org.opensearch.analysis.common.CommonAnalysisModulePlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.PluginInfo;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * A real OpenSearch node for tests, run in its own JVM by {@link OpenSearchCluster}: the server
 * from Maven Central with the two modules a memqa index needs (HTTP/transport over Netty, and the
 * English analyzer), loaded from the classpath as the OpenSearch test framework's MockNode does.
 * Arguments are settings as {@code key=value}. It stops when its standard input closes, so a node
 * never outlives the test JVM that started it.
 */
public final class OpenSearchTestNode extends Node {
  private static final List<Class<? extends Plugin>> PLUGINS =
      List.of(Netty4ModulePlugin.class, CommonAnalysisModulePlugin.class);

  private OpenSearchTestNode(Settings settings) {
    super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> settings.get("node.name")),
        PLUGINS.stream().map(OpenSearchTestNode::info).toList(), true);
  }

  private static PluginInfo info(Class<? extends Plugin> plugin) {
    return new PluginInfo(plugin.getName(), "classpath plugin", "NA", Version.CURRENT, "21", plugin.getName(),
        List.of(), false);
  }

  public static void main(String[] args) throws Exception {
    Settings.Builder settings = Settings.builder();
    for (String a : args) {
      int eq = a.indexOf('=');
      settings.put(a.substring(0, eq), a.substring(eq + 1));
    }
    Node node = new OpenSearchTestNode(settings.build());
    node.start();
    System.out.println("memqa-test-node: started");
    System.out.flush();
    try {
      while (System.in.read() >= 0) {
        // wait for the parent to close our input (or die)
      }
    } catch (IOException e) {
      // the parent is gone
    }
    node.close();
    System.exit(0);
  }
}

package io.memqa.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Real OpenSearch nodes for tests, each in its own JVM ({@link OpenSearchTestNode} on the test
 * classpath, 256 MB heap, its own temporary home and data, free ports on 127.0.0.1). One node
 * forms a single-node cluster; more find each other through their transport ports. A node can be
 * killed and restarted on the same ports and data, to test what a client sees when it goes away.
 * When a node cannot start here, the test is skipped with the reason and the node's last log lines.
 */
public final class OpenSearchCluster implements AutoCloseable {
  /** How long nodes may take to form a cluster: seconds alone, far longer on two busy cores. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

  private static OpenSearchCluster shared;

  private final Path home;
  private final int[] httpPorts;
  private final int[] transportPorts;
  private final Process[] processes;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private OpenSearchCluster(int nodes) throws IOException {
    this.home = Files.createTempDirectory("memqa-opensearch-");
    int[] ports = freePorts(2 * nodes);
    this.httpPorts = java.util.Arrays.copyOfRange(ports, 0, nodes);
    this.transportPorts = java.util.Arrays.copyOfRange(ports, nodes, 2 * nodes);
    this.processes = new Process[nodes];
  }

  /** Starts {@code nodes} nodes and waits for them to form a cluster, or skips the test. */
  public static OpenSearchCluster start(int nodes) {
    OpenSearchCluster c;
    try {
      c = new OpenSearchCluster(nodes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      for (int i = 0; i < nodes; i++) {
        c.launch(i);
      }
      c.awaitNodes(0, nodes);
      return c;
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() + c.logTail(0);
      c.close();
      Assumptions.abort("cannot start an OpenSearch node here, so this test is skipped: " + why);
      throw new IllegalStateException("unreachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      c.close();
      throw new IllegalStateException(e);
    }
  }

  /**
   * One single-node cluster shared by the test classes of this JVM (started on first use, stopped
   * when the JVM exits), for tests that only read and write their own indexes.
   */
  public static synchronized OpenSearchCluster shared() {
    if (shared == null) {
      shared = start(1);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** The HTTP address of node {@code i}. */
  public URI url(int i) {
    return URI.create("http://127.0.0.1:" + httpPorts[i]);
  }

  public URI url() {
    return url(0);
  }

  /** Ends node {@code i} at once (SIGKILL), as a crash or a lost machine would. */
  public void kill(int i) throws InterruptedException {
    processes[i].destroyForcibly();
    processes[i].waitFor(30, TimeUnit.SECONDS);
  }

  /** Starts node {@code i} again on its ports and data, and waits until it answers with its data recovered. */
  public void restart(int i) throws IOException, InterruptedException {
    launch(i);
    awaitNodes(i, processes.length);
  }

  private void launch(int i) throws IOException {
    Path nodeHome = home.resolve("node-" + i);
    Files.createDirectories(nodeHome);
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms256m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Djava.io.tmpdir=" + nodeHome,
        "-cp", classpath(), OpenSearchTestNode.class.getName(),
        "cluster.name=memqa-test",
        "node.name=node-" + i,
        "path.home=" + nodeHome,
        "path.data=" + nodeHome.resolve("data"),
        "path.logs=" + nodeHome.resolve("logs"),
        "network.host=127.0.0.1",
        "http.port=" + httpPorts[i],
        "transport.port=" + transportPorts[i],
        "action.auto_create_index=false",
        "cluster.routing.allocation.disk.threshold_enabled=false"));
    if (processes.length == 1) {
      cmd.add("discovery.type=single-node");
    } else {
      cmd.add("discovery.seed_hosts=" + IntStream.of(transportPorts).mapToObj(p -> "127.0.0.1:" + p)
          .collect(Collectors.joining(",")));
      cmd.add("cluster.initial_cluster_manager_nodes=" + IntStream.range(0, processes.length)
          .mapToObj(n -> "node-" + n).collect(Collectors.joining(",")));
    }
    processes[i] = new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeHome.resolve("console.log").toFile()))
        .start();
  }

  /** The test classpath: Surefire's (its JVM's own is a manifest-only jar), else this JVM's. */
  private static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  /** Waits until node {@code i} answers and sees {@code nodes} nodes, with every shard's primary active. */
  private void awaitNodes(int i, int nodes) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    URI health = url(i).resolve("/_cluster/health?wait_for_nodes=" + nodes + "&wait_for_status=yellow&timeout=5s");
    String last = "no reply";
    while (System.nanoTime() < deadline) {
      if (!processes[i].isAlive()) {
        throw new IOException("node-" + i + " exited with status " + processes[i].exitValue());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
        last = r.statusCode() + " " + r.body();
      } catch (IOException e) {
        last = String.valueOf(e.getMessage());
        Thread.sleep(250);
      }
    }
    throw new IOException("node-" + i + " did not form a cluster of " + nodes + " within " + START_TIMEOUT.toSeconds()
        + " s (last reply: " + last + ")");
  }

  private String logTail(int i) {
    Path log = home.resolve("node-" + i).resolve("console.log");
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "\n--- last lines of " + log.getFileName() + " ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /** Stops every node (closing its input ends it cleanly; a stuck one is killed) and deletes their files. */
  @Override
  public void close() {
    for (Process p : processes) {
      if (p != null && p.isAlive()) {
        try {
          p.getOutputStream().close(); // closing the node's input asks it to stop
        } catch (IOException e) {
          p.destroy();
        }
      }
    }
    for (Process p : processes) {
      if (p != null) {
        try {
          if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          p.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    }
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // temporary files only
    }
  }

  private static int[] freePorts(int n) throws IOException {
    int[] ports = new int[n];
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0);
        held.add(s);
        ports[i] = s.getLocalPort();
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return ports;
  }
}

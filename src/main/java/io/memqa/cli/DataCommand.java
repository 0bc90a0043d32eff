package io.memqa.cli;

import io.memqa.data.DatasetFetcher;
import io.memqa.data.Manifest;
import io.memqa.util.MemqaHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Fetches and lists datasets. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Fetch datasets (verified by SHA-256) and list what is present.",
    subcommands = {DataCommand.Fetch.class, DataCommand.ListData.class})
final class DataCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (fetch or list)");
  }

  static Path mirrorOrEnv(Path from) {
    if (from != null) {
      return from;
    }
    String env = System.getenv(DatasetFetcher.MIRROR_ENV);
    return env == null || env.isBlank() ? null : Path.of(env);
  }

  @Command(
      name = "fetch",
      mixinStandardHelpOptions = true,
      description = {
        "Download a dataset from its official address, or copy it from a local mirror, into data/.",
        "Every file is checksum-verified and written atomically; re-running is a no-op."
      })
  static final class Fetch implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATASET", description = "dataset name, e.g. squad (see 'memqa data list')")
    String name;

    @Option(names = "--from", paramLabel = "DIR", description = "copy from this mirror directory (default: $MEMQA_DATA_MIRROR)")
    Path from;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where datasets land (default: data/)")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
      Manifest manifest = Manifest.bundled();
      manifest.dataset(name);
      Path dir = dataDir == null ? MemqaHome.data() : dataDir;
      DatasetFetcher fetcher = new DatasetFetcher(manifest, dir, mirrorOrEnv(from));
      for (DatasetFetcher.FileResult r : fetcher.fetch(name)) {
        System.out.printf("%-18s %s (%s)%n", r.outcome().name().toLowerCase().replace('_', ' '), r.path(), r.matched());
      }
      System.out.println("dataset " + name + " is ready in " + dir);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List known datasets and whether they are present.")
  static final class ListData implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "data directory (default: data/)")
    Path dataDir;

    @Override
    public Integer call() {
      Manifest manifest = Manifest.bundled();
      Path dir = dataDir == null ? MemqaHome.data() : dataDir;
      for (Map.Entry<String, Manifest.Dataset> d : manifest.datasets().entrySet()) {
        long present = d.getValue().files().stream().filter(f -> Files.isRegularFile(dir.resolve(f.path()))).count();
        System.out.printf("%-12s %d/%d files present   %s%n", d.getKey(), present, d.getValue().files().size(), d.getValue().description());
      }
      System.out.println("question sets: " + String.join(", ", manifest.questionSets().keySet()));
      manifest.questionSets().forEach((name, q) -> {
        if (q.bundled()) {
          System.out.printf("%-12s bundled with memqa (no fetch needed)   %s%n", name, q.description());
        }
      });
      return 0;
    }
  }
}

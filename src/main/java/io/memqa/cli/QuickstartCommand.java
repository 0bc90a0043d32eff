package io.memqa.cli;

import io.memqa.data.Datasets;
import io.memqa.reader.ModelFiles;
import io.memqa.retrieve.RetrieverSource;
import io.memqa.server.Quickstart;
import io.memqa.server.Service;
import io.memqa.util.MemqaHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** From nothing to a running service: data, index, model, serve; each step skipped when already done. */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
      "Fetch SQuAD, build the index, train the reader if needed, then serve.",
      "The reader is trained only if no usable model exists; the API and web page are served",
      "on http://127.0.0.1:8080/. Each step is skipped when its verified output exists, so a",
      "second run starts serving in seconds."
    })
final class QuickstartCommand implements Callable<Integer> {
  static final String DATASET = "squad";

  @Option(names = "--from", paramLabel = "DIR", description = "copy the data from this mirror directory (default: $MEMQA_DATA_MIRROR, else download)")
  Path from;

  @Option(names = "--prepare-only", description = "stop after data, index and model; do not serve")
  boolean prepareOnly;

  @Option(names = "--dense", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "index passage vectors too, for hybrid retrieval (about 3 more minutes on 2 cores; default: on)")
  boolean dense;

  @Mixin ServeCommand.Listen listen;

  @Override
  public Integer call() throws Exception {
    Path index = MemqaHome.indexes().resolve(DATASET);
    Path model = MemqaHome.models().resolve(DATASET);

    step(1, "data: fetching " + DATASET + " (files already present are verified by SHA-256, not fetched again)");
    List<String> fetch = new ArrayList<>(List.of("data", "fetch", DATASET));
    Path mirror = DataCommand.mirrorOrEnv(from);
    if (mirror != null) {
      fetch.addAll(List.of("--from", mirror.toString()));
    }
    int exit = Main.run(fetch.toArray(String[]::new));
    if (exit != 0) {
      return exit;
    }

    List<Path> corpus = Datasets.local().corpusFiles(DATASET);
    Optional<String> stale = Quickstart.staleIndex(index, corpus, dense);
    if (stale.isEmpty()) {
      step(2, "index: " + index + " was built from these files; skipped");
    } else {
      step(2, "index: " + stale.get() + "; building it");
      if ((exit = Main.run("index", "--dataset", DATASET, "--out", index.toString(), dense ? "--dense" : "--no-dense")) != 0) {
        return exit;
      }
    }

    Optional<String> unusable = Quickstart.unusableModel(model);
    // Only a model that does not load is checked again (the check verifies every file's checksum).
    if (unusable.isPresent() && ModelFiles.hasStaleCalibration(model)) {
      step(3, "model: " + model + " was calibrated by an older memqa; fitting its calibration again (a few minutes)");
      if ((exit = Main.run("calibrate", "--model", model.toString(), "--index", index.toString())) != 0) {
        return exit;
      }
      unusable = Quickstart.unusableModel(model);
    }
    if (unusable.isEmpty()) {
      step(3, "model: " + model + " loads; training skipped");
    } else {
      step(3, "model: " + unusable.get() + "; training one with the default settings (progress below)");
      if ((exit = Main.run("train", "--index", index.toString(), "--out", model.toString())) != 0) {
        return exit;
      }
    }

    if (prepareOnly) {
      step(4, "ready to serve: ./memqa serve");
      return 0;
    }
    step(4, "serving");
    Service.run(listen.options(), RetrieverSource.lucene(index), model, System.out);
    return 0;
  }

  private static void step(int n, String what) {
    System.out.printf("%nquickstart %d/4 %s%n", n, what);
    System.out.flush();
  }
}

package io.memqa.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.retrieve.Bm25Retriever;
import io.memqa.testing.Fixtures;
import io.memqa.testing.TestIndexes;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a real build in a child JVM must leave the previous index usable. */
class IndexKillTest {
  @TempDir Path dir;

  @Test
  void killingABuildMidwayKeepsThePreviousIndex() throws Exception {
    Path passages = Fixtures.resource(Fixtures.PASSAGES);
    Path target = dir.resolve("indexes").resolve("idx");
    Path log = dir.resolve("child.log");
    TestIndexes.build(passages, target);

    Process child = startEndlessBuild(target, log);
    try (BufferedReader out = child.inputReader()) {
      assertThat(out.readLine()).as(() -> "child build output; its log:\n" + read(log)).isEqualTo(EndlessBuild.WRITING);
      child.destroyForcibly();
      child.waitFor();
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.exitValue()).isNotZero();
    assertThat(TestIndexes.siblings(target)).as("the killed build's leftovers").anyMatch(n -> n.startsWith(".idx.tmp-"));

    try (Bm25Retriever r = Bm25Retriever.open(target)) {
      assertThat(r.size()).isEqualTo(10);
      assertThat(r.search("When was the Eiffel Tower completed?", 3).get(0).passage().id()).isEqualTo("p2");
    }
    TestIndexes.build(passages, target);
    assertThat(TestIndexes.siblings(target)).as("the next build cleans up after the killed one").isEmpty();
  }

  private static Process startEndlessBuild(Path target, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!flag.startsWith("-agentlib:jdwp")) {
        cmd.add(flag);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), EndlessBuild.class.getName(), target.toString()));
    return new ProcessBuilder(cmd).redirectError(log.toFile()).start();
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}

package io.memqa.index;

import io.memqa.corpus.CorpusFormat;
import io.memqa.testing.SyntheticPassages;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by {@link IndexKillTest}: builds an endless synthetic index into args[0] and
 * prints {@link #WRITING} once the build's temporary directory holds index files (Lucene writes
 * stored fields as documents come in).
 */
public final class EndlessBuild {
  static final String WRITING = "writing index files";

  private EndlessBuild() {}

  public static void main(String[] args) throws IOException {
    Path target = Path.of(args[0]).toAbsolutePath();
    boolean[] told = {false};
    SyntheticPassages endless = new SyntheticPassages(Long.MAX_VALUE, n -> {
      if (!told[0] && n % 1000 == 0 && writesIndexFiles(target)) {
        told[0] = true;
        System.out.println(WRITING);
        System.out.flush();
      }
    });
    IndexBuilder builder = new IndexBuilder(new IndexBuilder.Options(Analyzers.ENGLISH, 1, 16, true));
    builder.build(endless, new IndexBuilder.Source(CorpusFormat.JSONL.cliName(), List.of(), "endless", -1), target);
  }

  private static boolean writesIndexFiles(Path target) {
    String temps = "." + target.getFileName() + ".tmp-*";
    try (DirectoryStream<Path> builds = Files.newDirectoryStream(target.getParent(), temps)) {
      for (Path t : builds) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(t, "_*")) {
          if (files.iterator().hasNext()) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}

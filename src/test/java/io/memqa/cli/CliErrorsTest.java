package io.memqa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.testing.Fixtures;
import io.memqa.testing.TestIndexes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Help exits 0; bad input exits non-zero with a one-line reason and no stack trace. */
class CliErrorsTest {
  @TempDir static Path dir;
  static String index;
  static String questions;
  static String corpus;

  @BeforeAll
  static void fixtures() throws IOException {
    index = dir.resolve("index").toString();
    TestIndexes.build(Fixtures.resource(Fixtures.SQUAD_DEV), Path.of(index));
    questions = Fixtures.resource(Fixtures.SQUAD_DEV).toString();
    corpus = Fixtures.resource(Fixtures.PASSAGES).toString();
  }

  /** Every command and subcommand, as the words that reach it. */
  static Stream<List<String>> commands() {
    List<List<String>> all = new ArrayList<>();
    collect(Main.newCommandLine(), new ArrayList<>(), all);
    return all.stream();
  }

  private static void collect(CommandLine cl, List<String> path, List<List<String>> all) {
    all.add(List.copyOf(path));
    cl.getSubcommands().forEach((name, sub) -> {
      if (sub.getCommandSpec().aliases().length == 0 || sub.getCommandName().equals(name)) {
        path.add(name);
        collect(sub, path, all);
        path.remove(path.size() - 1);
      }
    });
  }

  @Test
  void everyCommandIsCovered() {
    assertThat(commands().map(c -> String.join(" ", c)))
        .contains("", "data", "data fetch", "data list", "index", "search", "eval", "eval retrieval", "help");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpExitsZero(List<String> command) {
    List<String> args = new ArrayList<>(command);
    args.add("--help");
    Cli r = Cli.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Usage: memqa");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void versionAndHelpCommand() {
    assertThat(Cli.run("--version").out().strip()).matches("memqa \\d+\\.\\d+\\.\\d+\\S*");
    assertThat(Cli.run("-V").out()).doesNotContain("dev");
    Cli help = Cli.run("help", "index");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: memqa index");
  }

  /** A parent's help lists each subcommand with the first line of its description: a whole sentence. */
  @ParameterizedTest
  @MethodSource("commands")
  void subcommandListsShowWholeSentences(List<String> command) {
    CommandLine cl = Main.newCommandLine();
    for (String word : command) {
      cl = cl.getSubcommands().get(word);
    }
    List<String> args = new ArrayList<>(command);
    args.add("--help");
    String help = Cli.run(args.toArray(String[]::new)).out().replaceAll("\\s+", " ");
    cl.getSubcommands().forEach((name, sub) -> {
      var usage = sub.getCommandSpec().usageMessage();
      String first = usage.header().length > 0 ? usage.header()[0] : usage.description()[0]; // as picocli lists it
      assertThat(first).as(name + ": " + first).endsWith(".");
      assertThat(help).as(name).contains(first.replaceAll("\\s+", " "));
    });
  }

  static Stream<Arguments> badInput() {
    String out = dir.resolve("out").toString();
    return Stream.of(
        bad(2, "Unknown option: '--bogus'", "--bogus"),
        bad(2, "Unknown option: '--bogus'", "index", "--bogus"),
        bad(2, "missing command"),
        bad(2, "missing subcommand", "data"),
        bad(2, "missing subcommand", "eval"),
        bad(2, "Missing required option: '--out=DIR'", "eval", "retrieval", "--index", index),
        bad(2, "Missing required parameter: 'QUESTION'", "search"),
        bad(2, "mutually exclusive", "index", "--dataset", "squad", "--corpus", corpus),
        bad(2, "Invalid value for option '--k'", "search", "Eiffel", "--k", "many"),
        bad(2, "k must be between 1 and 1000, got 0", "search", "Warsaw", "--index", index, "--k", "0"),
        bad(2, "k must be between 1 and 1000, got 0", "eval", "retrieval", "--index", index, "--dataset", questions, "--out", out, "--k", "5,0"),
        bad(2, "--limit must be 0 or more", "eval", "retrieval", "--index", index, "--dataset", questions, "--out", out, "--limit", "-1"),
        bad(2, "question is empty", "search", " ", "--index", index),
        bad(2, "corpus file not found", "index", "--corpus", dir.resolve("nope.jsonl").toString(), "--out", out),
        bad(2, "unknown dataset 'nope'", "data", "fetch", "nope", "--data-dir", out),
        bad(2, "unknown corpus 'nope'", "index", "--dataset", "nope", "--out", out),
        bad(2, "unknown corpus format 'xml'", "index", "--corpus", corpus, "--format", "xml", "--out", out),
        bad(2, "--format goes with --corpus", "index", "--format", "jsonl", "--out", out),
        bad(2, "unknown analyzer 'klingon'", "index", "--corpus", corpus, "--analyzer", "klingon", "--out", out),
        bad(2, "threads must be between 1 and 64, got 0", "index", "--corpus", corpus, "--threads", "0", "--out", out),
        bad(2, "unknown question format 'xml'", "eval", "retrieval", "--index", index, "--dataset", questions, "--format", "xml", "--out", out),
        bad(2, "--resume continues an interrupted one: give one", "train", "--init-from", out, "--resume", "--out", out),
        bad(2, "anneal-to must be in [0,1]", "train", "--anneal-to", "1.5", "--out", out),
        bad(2, "table-rate must be in [0,1]", "train", "--table-rate", "-1", "--out", out),
        bad(2, "unknown encoder 'bert'", "train", "--context", "bert", "--out", out),
        bad(2, "--init-from " + dir.resolve("nowhere"), "train", "--init-from", dir.resolve("nowhere").toString(), "--out", out),
        bad(2, "was trained with other reader options", "train", "--init-from",
            io.memqa.testing.TinyQa.get().model().toString(), "--out", out),
        bad(2, "mirror directory not found", "data", "fetch", "squad", "--from", dir.resolve("nowhere").toString(), "--data-dir", out),
        bad(2, "no index at " + dir.resolve("nowhere") + ": build one with ./memqa index", "search", "Warsaw", "--index", dir.resolve("nowhere").toString()),
        bad(2, "is not a memqa index", "search", "Warsaw", "--index", dir.toString()),
        bad(2, "neither a known question set", "eval", "retrieval", "--index", index, "--dataset", "nope-set", "--out", out),
        bad(2, "did you mean 'squad'?", "data", "fetch", "sqaud", "--data-dir", out),
        bad(2, "is a directory: give one corpus file", "index", "--corpus", dir.toString(), "--out", out),
        bad(1, "binary.bin:1: not a text file (binary data)", "index", "--corpus",
            Fixtures.write(dir.resolve("binary.bin"), "\u0000\u0001\u0002PK\u0003\u0004").toString(), "--out", out),
        bad(1, "no passages in", "index", "--corpus", Fixtures.write(dir.resolve("empty.jsonl"), "\n").toString(), "--out", out),
        bad(2, "question is too long: 1001 characters (limit 1000)", "search", "x".repeat(1001), "--index", index),
        bad(2, "question is too long: 1001 characters (limit 1000)", "ask", "\uD83D\uDE00".repeat(1001)),
        bad(1, "bad.jsonl:2: malformed JSON", "index", "--corpus", Fixtures.write(dir.resolve("bad.jsonl"), "{\"id\":\"a\",\"text\":\"t\"}\n{oops\n").toString(), "--out", out));
  }

  private static Arguments bad(int exit, String reason, String... args) {
    return Arguments.of(exit, reason, args);
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInputGivesAOneLineReason(int exit, String reason, String[] args) {
    Cli r = Cli.run(args);
    assertThat(r.exit()).as(r.err()).isEqualTo(exit);
    List<String> reasons = r.errLines().stream().filter(l -> l.startsWith("memqa: ")).toList();
    assertThat(reasons).as(r.err()).hasSize(1);
    assertThat(reasons.get(0)).contains(reason);
    assertThat(r.errLines()).as(r.err()).noneMatch(l -> l.matches("\\s+at .*") || l.contains("Exception"));
  }
}

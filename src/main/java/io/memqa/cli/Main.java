package io.memqa.cli;

import java.io.PrintWriter;
import io.memqa.encoder.KnownEncoder;
import io.memqa.index.VectorFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The memqa command line: one subcommand per stage of the pipeline. */
@Command(
    name = "memqa",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Open-domain question answering over Wikipedia: BM25 retrieval + a key-value memory network reader.",
    subcommands = {
      DataCommand.class,
      IndexCommand.class,
      SearchCommand.class,
      EvalCommand.class,
      TrainCommand.class,
      AskCommand.class,
      ServeCommand.class,
      QuickstartCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
  private static final java.util.logging.Logger LUCENE_LOG = java.util.logging.Logger.getLogger("org.apache.lucene");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Lucene reports its SIMD set-up through java.util.logging at INFO; keep the console quiet.
    LUCENE_LOG.setLevel(java.util.logging.Level.WARNING);
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit code (0 ok, 1 failure, 2 bad arguments). */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setParameterExceptionHandler(Main::badArguments);
    cl.setExecutionExceptionHandler(Main::failed);
    cl.registerConverter(KnownEncoder.class, KnownEncoder::parse);
    cl.registerConverter(VectorFormat.class, VectorFormat::parse);
    cl.getSubcommands().get("eval").addSubcommand("memory", new MemoryCommand());
    return cl;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  private static int badArguments(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println("memqa: " + e.getMessage());
    err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return 2;
  }

  private static int failed(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    err.println("memqa: error: " + message.lines().findFirst().orElse(message));
    if (System.getenv("MEMQA_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return e instanceof IllegalArgumentException ? 2 : 1;
  }

  /** The version from the jar manifest, or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"memqa " + (v == null ? "dev" : v)};
    }
  }
}

package io.memqa.cli;

import io.memqa.encoder.KnownEncoder;
import io.memqa.index.VectorFormat;
import io.memqa.util.BadInputException;
import io.memqa.util.BuildInfo;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
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
      CalibrateCommand.class,
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
    err.println("memqa: error: " + describe(e));
    if (System.getenv("MEMQA_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return exitCode(e);
  }

  /** 2 for input the user got wrong, 1 for everything else (see {@link BadInputException}). */
  static int exitCode(Throwable e) {
    return unwrap(e) instanceof BadInputException ? 2 : 1;
  }

  /**
   * One line saying what went wrong, where, and what to do. The JDK's file-system exceptions
   * carry little more than a path, so they are put into words here.
   */
  static String describe(Throwable thrown) {
    Throwable e = unwrap(thrown);
    if (e instanceof FileSystemException fs && fs.getFile() != null) {
      String file = fs.getFile();
      String other = fs.getOtherFile() == null ? "" : " (and " + fs.getOtherFile() + ")";
      String what = switch (fs) {
        case AccessDeniedException a -> "permission denied on " + file + other
            + ": check its permissions and those of its directory, or choose another location";
        case NoSuchFileException n -> file + other + " does not exist: check the path";
        case FileAlreadyExistsException x -> file + other + " already exists and memqa will not replace it: "
            + "move it away or choose another location";
        case NotDirectoryException n -> file + " is not a directory: check the path";
        case DirectoryNotEmptyException d -> file + " is a directory that is not empty: move it away or choose another location";
        default -> "cannot use " + file + other + (fs.getReason() == null ? "" : ": " + fs.getReason())
            + "; check the path, its permissions and the free space";
      };
      return what;
    }
    String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /** The exception that says what happened, not the wrappers around it. */
  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof UncheckedIOException || t instanceof CommandLine.ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The version this jar was built as. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"memqa " + BuildInfo.version()};
    }
  }
}

package io.memqa.encoder;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import io.memqa.util.AtomicFiles;
import io.memqa.util.MemqaHome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * memqa's settings for ONNX Runtime: quiet, threads that sleep rather than spin, and native
 * libraries kept in memqa's cache. Left alone, ONNX Runtime extracts its libraries into a fresh
 * {@code onnxruntime-java*} directory under the system temp directory on every start and leaves
 * that directory behind; pointing {@code onnxruntime.native.path} at libraries extracted once into
 * {@code .cache/onnxruntime/VERSION/PLATFORM} avoids it.
 */
final class Onnx {
  static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";
  private static final String[] LIBRARIES = {"onnxruntime", "onnxruntime4j_jni"};
  private static boolean staged;

  private Onnx() {}

  /** The process-wide environment, logging fatal errors only. */
  static synchronized OrtEnvironment environment() {
    if (!staged) {
      stageNativeLibraries();
      staged = true;
    }
    return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, "memqa");
  }

  static OrtSession.SessionOptions sessionOptions(int intraOpThreads) throws OrtException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    try {
      o.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
      o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      o.setIntraOpNumThreads(intraOpThreads);
      o.setInterOpNumThreads(1);
      // On a few shared cores, spinning worker threads starve everyone else (as OpenMP does).
      o.addConfigEntry("session.intra_op.allow_spinning", "0");
      return o;
    } catch (OrtException | RuntimeException e) {
      o.close();
      throw e;
    }
  }

  /**
   * Extracts this platform's ONNX Runtime libraries into the cache (once; files are renamed into
   * place complete) and points ONNX Runtime at them. When the user set the path, the platform is
   * unknown or the cache is not writable, ONNX Runtime's own loading is left to work as it does.
   */
  private static void stageNativeLibraries() {
    if (System.getProperty(NATIVE_PATH_PROPERTY) != null) {
      return;
    }
    String version = OrtEnvironment.class.getPackage().getImplementationVersion();
    String platform = platform();
    if (version == null || platform == null) {
      return;
    }
    Path dir = MemqaHome.cache().resolve("onnxruntime").resolve(version).resolve(platform);
    try {
      for (String lib : LIBRARIES) {
        String file = System.mapLibraryName(lib);
        Path target = dir.resolve(file);
        if (Files.isRegularFile(target)) {
          continue;
        }
        try (InputStream in = Onnx.class.getClassLoader()
            .getResourceAsStream("ai/onnxruntime/native/" + platform + "/" + file)) {
          if (in == null) {
            return;
          }
          AtomicFiles.write(target, out -> in.transferTo(out));
        }
      }
      System.setProperty(NATIVE_PATH_PROPERTY, dir.toString());
    } catch (IOException e) {
      // Not fatal: ONNX Runtime then extracts to the temp directory itself.
    }
  }

  /** ONNX Runtime's name for this platform's folder in its jar, or null if it ships none. */
  private static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String o = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.contains("win") ? "win" : null;
    String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "aarch64" : null;
    return o == null || a == null ? null : o + "-" + a;
  }
}

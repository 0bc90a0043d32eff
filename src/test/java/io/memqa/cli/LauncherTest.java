package io.memqa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./memqa launcher, run for real against a stand-in JDK whose "java" prints what it was given
 * and what the real JVM and libtorch print on their own: MEMQA_HOME is honoured, and only those
 * native notices are kept off the terminal while everything else (progress bars too) and the exit
 * status come through.
 */
class LauncherTest {
  private static final String NOTICES = String.join("\n",
      "WARNING: Using incubator modules: jdk.incubator.vector",
      "[W1130 16:03:03.884458671 LegacyTypeDispatch.h:74] Warning: AutoNonVariableTypeMode is deprecated and will be removed",
      "[W1130 16:03:05.015000210 NNPACK.cpp:57] Could not initialize NNPACK! Reason: Unsupported hardware.");

  @TempDir Path dir;
  Path launcher;
  Path jdk;

  @BeforeEach
  void standIns() throws IOException {
    launcher = dir.resolve("memqa-home/memqa");
    Files.createDirectories(launcher.getParent().resolve("target/lib"));
    Files.copy(Path.of("memqa"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
    Fixtures.write(launcher.getParent().resolve("target/memqa.jar"), "stand-in");
    jdk = dir.resolve("jdk");
    Fixtures.write(jdk.resolve("bin/javac"), "#!/bin/sh\n");
    Fixtures.write(jdk.resolve("bin/java"), String.join("\n",
        "#!/bin/bash",
        "if [ \"$1\" = -XshowSettings:properties ]; then echo '    java.specification.version = 21' >&2; exit 0; fi",
        "printf '%s\\n' \"$@\"",
        "printf '%s\\n' '" + NOTICES.replace("'", "'\\''") + "' >&2",
        "printf 'progress 10%%\\rprogress 20%%\\rprogress 100%%\\n' >&2",
        "echo 'WARNING: something memqa says' >&2",
        "echo '[W] a bracketed line of our own' >&2",
        "exit 3", ""));
    for (Path p : List.of(jdk.resolve("bin/java"), jdk.resolve("bin/javac"), launcher)) {
      p.toFile().setExecutable(true);
    }
  }

  private record Run(int exit, String out, String err) {}

  private Run run(Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("JAVA_HOME", jdk.toString());
    pb.environment().remove("MEMQA_HOME");
    pb.environment().putAll(env);
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void memqaHomeIsHonouredAndTheProjectIsTheDefault() throws Exception {
    Path home = dir.resolve("elsewhere");
    assertThat(run(Map.of("MEMQA_HOME", home.toString()), "data", "list").out()).contains("-Dmemqa.home=" + home);
    assertThat(run(Map.of(), "data", "list").out()).contains("-Dmemqa.home=" + launcher.getParent());
  }

  @Test
  void nativeNoticesAreDroppedAndEverythingElsePassesWithTheExitStatus() throws Exception {
    Run r = run(Map.of(), "ask", "Where?");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).contains("ask\nWhere?\n");
    String expected = "progress 10%\rprogress 20%\rprogress 100%\nWARNING: something memqa says\n[W] a bracketed line of our own\n";
    // On a loaded machine the filter's last lines may land just after the launcher's exit.
    String err = r.err();
    for (int i = 0; i < 100 && !err.equals(expected); i++) {
      Thread.sleep(50);
      err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
    }
    assertThat(err).isEqualTo(expected);
    assertThat(run(Map.of("MEMQA_NATIVE_NOTICES", "1"), "ask", "Where?").err()).startsWith(NOTICES);
  }
}

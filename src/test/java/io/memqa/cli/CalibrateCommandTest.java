package io.memqa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memqa.eval.QaFixture;
import io.memqa.reader.ModelFiles;
import io.memqa.reader.Reader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calibrate refits a model whose calibration no longer fits this version's answers, as the load error says. */
class CalibrateCommandTest {
  @TempDir Path dir;

  @Test
  void aModelCalibratedForAnotherAnswerChoiceLoadsAgainAfterCalibrate() throws IOException {
    QaFixture fx = QaFixture.get();
    Path model = Files.createDirectories(dir.resolve("model"));
    try (Stream<Path> files = Files.list(fx.model())) {
      for (Path f : files.toList()) {
        Files.copy(f, model.resolve(f.getFileName()));
      }
    }
    ObjectMapper json = new ObjectMapper();
    Path calibration = model.resolve(ModelFiles.CALIBRATION);
    ObjectNode stale = (ObjectNode) json.readTree(calibration.toFile());
    stale.remove("answerChoice");
    json.writeValue(calibration.toFile(), stale);
    ModelFiles.writeManifest(model);
    assertThatThrownBy(() -> Reader.load(model)).hasMessageContaining("./memqa calibrate --model " + model);

    Cli run = Cli.run("calibrate", "--model", model.toString(), "--index", fx.index().toString(), "--dataset",
        fx.questions().toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("held-out memories").contains("closed EM / F1").contains("open EM / F1");
    assertThat(json.readTree(calibration.toFile()).get("answerChoice").asText()).startsWith("expected-f1/");
    try (Reader reader = Reader.load(model)) {
      assertThat(reader.config()).isNotNull();
    }
  }
}

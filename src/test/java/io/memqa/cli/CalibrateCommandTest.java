package io.memqa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.eval.QaFixture;
import io.memqa.reader.ModelFiles;
import io.memqa.reader.Reader;
import io.memqa.testing.TinyModels;
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
  void onlyASoundModelWithAnUnfitCalibrationIsStale() throws IOException {
    assertThat(ModelFiles.hasStaleCalibration(QaFixture.get().model())).isFalse();
    assertThat(ModelFiles.hasStaleCalibration(dir.resolve("nowhere"))).isFalse();
  }

  @Test
  void aModelCalibratedForAnotherAnswerChoiceLoadsAgainAfterCalibrate() throws IOException {
    QaFixture fx = QaFixture.get();
    Path model = Files.createDirectories(dir.resolve("model"));
    try (Stream<Path> files = Files.list(fx.model())) {
      for (Path f : files.toList()) {
        Files.copy(f, model.resolve(f.getFileName()));
      }
    }
    TinyModels.makeCalibrationStale(model);
    assertThat(ModelFiles.hasStaleCalibration(model)).isTrue();
    assertThatThrownBy(() -> Reader.load(model)).hasMessageContaining("./memqa calibrate --model " + model);

    Cli run = Cli.run("calibrate", "--model", model.toString(), "--index", fx.index().toString(), "--dataset",
        fx.questions().toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("held-out memories").contains("closed EM / F1").contains("open EM / F1");
    assertThat(new ObjectMapper().readTree(model.resolve(ModelFiles.CALIBRATION).toFile()).get("answerChoice").asText())
        .startsWith("expected-f1/");
    assertThat(ModelFiles.hasStaleCalibration(model)).isFalse();
    try (Reader reader = Reader.load(model)) {
      assertThat(reader.config()).isNotNull();
    }
  }
}

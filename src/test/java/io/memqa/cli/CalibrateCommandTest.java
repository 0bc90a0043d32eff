package io.memqa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.eval.QaFixture;
import io.memqa.reader.ModelFiles;
import io.memqa.reader.Reader;
import io.memqa.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Path;
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
    Path model = fx.copyModel(dir.resolve("model"));
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

  @Test
  void theSegmentLimitIsRecordedAndAWrongOneRefusedBeforeAnyWork() throws IOException {
    QaFixture fx = QaFixture.get();
    Path model = fx.copyModel(dir.resolve("model"));
    Cli bad = Cli.run("calibrate", "--model", model.toString(), "--index", fx.index().toString(), "--segments", "-2");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("--segments").contains("0 (all)").doesNotContain("Exception");

    Cli run = Cli.run("calibrate", "--model", model.toString(), "--index", fx.index().toString(), "--dataset",
        fx.questions().toString(), "--segments", "2");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("at most 2 segments a memory");
    assertThat(new ObjectMapper().readTree(model.resolve(ModelFiles.CALIBRATION).toFile()).get("segments").asInt())
        .isEqualTo(2);
  }
}

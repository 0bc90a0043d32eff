package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.testing.Fixtures;
import io.memqa.testing.TinyQa;
import io.memqa.util.Checksums;
import io.memqa.util.FileManifest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved model carries the checksums of all its files, and loading refuses any change to them. */
class ModelFilesTest {
  @TempDir Path dir;
  Path model;

  @BeforeEach
  void copyTheTinyModel() throws IOException {
    model = TinyQa.copyModel(dir.resolve("model"));
  }

  /** Puts the tiny model's files back as they were saved. */
  private void restore() throws IOException {
    TinyQa.copyModel(model);
  }

  @Test
  void savingListsEveryFileWithItsSha256AndTheFormatVersion() throws IOException {
    JsonNode m = new ObjectMapper().readTree(model.resolve(ModelFiles.MANIFEST).toFile());
    assertThat(m.get("kind").asText()).isEqualTo("memqa model");
    assertThat(m.get("formatVersion").asInt()).isEqualTo(ReaderConfig.FORMAT_VERSION);
    assertThat(m.get("files").fieldNames()).toIterable()
        .containsExactly(ModelFiles.CALIBRATION, ModelFiles.CONFIG, ModelFiles.TRAINING, ModelFiles.WEIGHTS);
    for (String f : List.of(ModelFiles.CONFIG, ModelFiles.TRAINING, ModelFiles.WEIGHTS)) {
      assertThat(m.get("files").get(f).get("sha256").asText()).isEqualTo(Checksums.sha256(model.resolve(f)));
      assertThat(m.get("files").get(f).get("size").asLong()).isEqualTo(Files.size(model.resolve(f)));
    }
    try (Reader r = Reader.load(model)) {
      assertThat(r.config().formatVersion()).isEqualTo(ReaderConfig.FORMAT_VERSION);
    }
  }

  @Test
  void weightsOverwrittenInTheMiddleAreRefusedWithHowToRebuild() throws IOException {
    Path weights = model.resolve(ModelFiles.WEIGHTS);
    long size = Files.size(weights);
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
      f.seek(size / 2);
      f.write(noise);
    }
    assertThat(Files.size(weights)).isEqualTo(size);
    assertThatThrownBy(() -> Reader.load(model))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("memqa model at " + model + " has a damaged weights.params")
        .hasMessageContaining("SHA-256")
        .hasMessageEndingWith("rebuild it with ./memqa train --out " + model);
  }

  @Test
  void aMissingTruncatedOrUnlistedFileIsRefusedByName() throws IOException {
    Files.delete(model.resolve(ModelFiles.TRAINING));
    assertThatThrownBy(() -> Reader.load(model)).hasMessageContaining("is missing training.json");
    restore();

    Files.write(model.resolve(ModelFiles.CONFIG), Arrays.copyOf(Files.readAllBytes(model.resolve(ModelFiles.CONFIG)), 10));
    assertThatThrownBy(() -> Reader.load(model)).hasMessageContaining("has a damaged config.json (10 bytes, saved with");
    restore();

    Fixtures.write(model.resolve("vectors.bin"), "not saved with the model");
    assertThatThrownBy(() -> Reader.load(model)).hasMessageContaining("holds vectors.bin, which its manifest.json does not list");
    Files.delete(model.resolve("vectors.bin"));

    Files.delete(model.resolve(ModelFiles.MANIFEST));
    assertThatThrownBy(() -> Reader.load(model)).hasMessageContaining("has no manifest.json")
        .hasMessageContaining("./memqa train --out " + model);
  }

  @Test
  void anyFileSavedIntoTheModelDirectoryIsCoveredWithoutCodeOfItsOwn() throws IOException {
    Fixtures.write(model.resolve("vectors/words.tsv"), "paris\t0.1 0.2\n");
    ModelFiles.writeManifest(model);
    ModelFiles.verify(model);
    Fixtures.write(model.resolve("vectors/words.tsv"), "paris\t0.1 0.3\n");
    assertThatThrownBy(() -> ModelFiles.verify(model)).hasMessageContaining("has a damaged vectors/words.tsv");
  }

  @Test
  void aConfigSavedBeforeContextualStatesReadsAsWithoutThem() throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode c =
        (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(model.resolve(ModelFiles.CONFIG).toFile());
    assertThat(c.has("context")).isTrue();
    c.remove("context");
    c.remove("contextDim");
    new ObjectMapper().writeValue(model.resolve(ModelFiles.CONFIG).toFile(), c);
    ModelFiles.writeManifest(model);
    try (Reader r = Reader.load(model)) {
      assertThat(r.config().hasContext()).isFalse();
      assertThat(r.config().context()).isEqualTo(ReaderConfig.NO_VECTORS);
    }
  }

  @Test
  void aModelOfAnotherFormatVersionIsRefused() throws IOException {
    FileManifest.write(model, "memqa model", ReaderConfig.FORMAT_VERSION + 1);
    assertThatThrownBy(() -> Reader.load(model))
        .hasMessageContaining("has format " + (ReaderConfig.FORMAT_VERSION + 1) + " but this memqa reads format "
            + ReaderConfig.FORMAT_VERSION);
  }

  @Test
  void aCalibrationFittedOnAnswersChosenAnotherWayIsRefusedWithHowToRefit() throws IOException {
    Calibration c = ModelFiles.readCalibration(model);
    ModelFiles.JSON.writeValue(model.resolve(ModelFiles.CALIBRATION).toFile(),
        new Calibration(c.signals(), c.weights(), c.bias(), c.fittedOn(), null, 0));
    ModelFiles.writeManifest(model);
    assertThatThrownBy(() -> Reader.load(model))
        .hasMessageContaining("was calibrated on other signals or answers")
        .hasMessageContaining("this version: " + AnswerChoice.NAME)
        .hasMessageContaining("./memqa calibrate --model " + model);
  }

  /** A model that claims pretrained vectors, with a table: the tiny model's config rewritten, manifest renewed. */
  private void withVectors(String encoder, int dim, io.memqa.encoder.WordVectors table) throws IOException {
    ReaderConfig c = ModelFiles.readConfig(model).withVectors(encoder, dim);
    ModelFiles.JSON.writeValue(model.resolve(ModelFiles.CONFIG).toFile(), c);
    io.memqa.encoder.WordVectorsFile.save(table, model.resolve(ModelFiles.VECTORS));
    ModelFiles.writeManifest(model);
  }

  private static io.memqa.encoder.WordVectors table(String encoder) {
    return new io.memqa.encoder.WordVectors(new io.memqa.encoder.EncoderIdentity(encoder, "g:a:1", "aa", "bb", 2, "MEAN", 256),
        2, new String[] {"car"}, new float[][] {{1f, 0f}}, java.util.Map.of("automobile", new float[] {0.6f, 0.8f}));
  }

  @Test
  void aVectorTableThatIsMissingAlteredOrFromAnotherEncoderIsRefused() throws IOException {
    withVectors("minilm-l6-v2", 2, table("minilm-l6-v2"));
    Files.delete(model.resolve(ModelFiles.VECTORS));
    assertThatThrownBy(() -> Reader.load(model)).hasMessageContaining("is missing vectors.bin");

    withVectors("minilm-l6-v2", 2, table("minilm-l6-v2"));
    byte[] bytes = Files.readAllBytes(model.resolve(ModelFiles.VECTORS));
    bytes[bytes.length - 3] ^= 0x40;
    Files.write(model.resolve(ModelFiles.VECTORS), bytes);
    assertThatThrownBy(() -> Reader.load(model)).hasMessageContaining("vectors.bin");

    withVectors("minilm-l6-v2", 2, table("bge-small-en-v15-q"));
    assertThatThrownBy(() -> Reader.load(model))
        .hasMessageContaining("has word vectors from bge-small-en-v15-q").hasMessageContaining("retrain it");
  }
}

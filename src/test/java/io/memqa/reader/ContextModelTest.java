package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.corpus.Passage;
import io.memqa.data.Question;
import io.memqa.encoder.ContextEncoder;
import io.memqa.encoder.KnownEncoder;
import io.memqa.memory.Memory;
import io.memqa.testing.TestEncoders;
import io.memqa.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader with contextual word states: trained, saved with its table, loaded, and refused when damaged. */
class ContextModelTest {
  @TempDir static Path dir;
  static Path model;
  static SyntheticQa.Data data;
  static Passage extra = new Passage("extra-1", "Extra", "Ada Lovelace was born in London in 1815.");

  static ReaderConfig config() {
    return TinyModels.config().withContext(KnownEncoder.MINILM_L6_V2_Q.id(), 8);
  }

  @BeforeAll
  static void train() throws Exception {
    model = dir.resolve("model");
    data = SyntheticQa.generate(40, 3);
    TrainOptions o = TinyModels.options(1, 0f);
    new Trainer(config(), o, null, new ContextEncoder(TestEncoders.small()))
        .storingStatesOf(List.of(extra))
        .train(TinyModels.training(data, null, o), model, false, Map.of("test", true));
  }

  @Test
  void savesTheStatesOfEveryPassageItReadAndOfTheCorpusItWasGiven() throws Exception {
    var table = io.memqa.encoder.ContextStatesFile.load(model.resolve(ModelFiles.CONTEXT_STATES));
    assertThat(table.reduction().width()).isEqualTo(8);
    assertThat(table.source().encoder()).isEqualTo(KnownEncoder.MINILM_L6_V2_Q.id());
    assertThat(table.passages()).containsKey(extra.id());
    for (Passage p : data.passages()) {
      assertThat(table.passages()).containsKey(p.id());
    }
  }

  @Test
  void aLoadedReaderAnswersWithItsStates() throws Exception {
    Map<String, Passage> byId = new HashMap<>();
    data.passages().forEach(p -> byId.put(p.id(), p));
    try (Reader reader = Reader.load(model)) {
      assertThat(reader.config().hasContext()).isTrue();
      Question q = data.questions().get(0);
      Memory m = reader.memoryBuilder().build(q.text(), byId.get(q.passageId()));
      assertThat(reader.read(m, 3, 0).answers()).isNotEmpty();
      // A passage the table lacks is read too: its states are computed.
      Memory other = reader.memoryBuilder().build("Where was Ada Lovelace born?",
          new Passage("new-1", "New", "Ada Lovelace was born in London."));
      assertThat(reader.read(other, 1, 0).answers()).isNotEmpty();
    }
  }

  @Test
  void refusesAModelWhoseStatesAreMissingOrAltered() throws Exception {
    Path copy = dir.resolve("altered");
    copyModel(model, copy);
    Path file = copy.resolve(ModelFiles.CONTEXT_STATES);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    assertThatThrownBy(() -> Reader.load(copy)).isInstanceOf(IOException.class).hasMessageContaining("context.bin");
    // Even with the manifest renewed, the table's own checksum refuses it.
    ModelFiles.writeManifest(copy);
    assertThatThrownBy(() -> Reader.load(copy)).isInstanceOf(IOException.class)
        .hasMessageContaining("checksum does not match");
    Files.delete(file);
    ModelFiles.writeManifest(copy);
    assertThatThrownBy(() -> Reader.load(copy)).isInstanceOf(IOException.class).hasMessageContaining("missing");
  }

  private static void copyModel(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}

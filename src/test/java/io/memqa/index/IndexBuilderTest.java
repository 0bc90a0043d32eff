package io.memqa.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.corpus.CorpusException;
import io.memqa.corpus.CorpusFormat;
import io.memqa.corpus.PassageReader;
import io.memqa.testing.Fixtures;
import io.memqa.testing.SyntheticPassages;
import io.memqa.testing.TestIndexes;
import io.memqa.util.BadInputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexBuilderTest {
  @TempDir Path dir;
  Path passages;
  Path target;

  @BeforeEach
  void paths() {
    passages = Fixtures.resource(Fixtures.PASSAGES);
    target = dir.resolve("passages");
  }

  private static int documents(Path index) throws IOException {
    try (FSDirectory d = FSDirectory.open(index);
        DirectoryReader r = DirectoryReader.open(d)) {
      return r.numDocs();
    }
  }

  @Test
  void buildsOneSegmentAndRecordsHowInItsStats() throws IOException {
    IndexStats stats = TestIndexes.build(passages, target);
    assertThat(stats.documents()).isEqualTo(10);
    assertThat(stats.skipped()).isZero();
    assertThat(stats.analyzer()).isEqualTo("english");
    assertThat(stats.format()).isEqualTo("jsonl");
    assertThat(stats.corpusFiles()).containsExactly(passages.toAbsolutePath().toString());
    assertThat(stats.threads()).isEqualTo(2);
    assertThat(IndexStats.read(target)).isEqualTo(stats);

    JsonNode json = new ObjectMapper().readTree(target.resolve(IndexStats.FILE_NAME).toFile());
    assertThat(json.get("documents").asLong()).isEqualTo(10);
    assertThat(json.get("corpusSha256").asText()).isEqualTo("test");
    assertThat(json.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

    try (FSDirectory d = FSDirectory.open(target);
        DirectoryReader r = DirectoryReader.open(d)) {
      assertThat(r.numDocs()).isEqualTo(10);
      assertThat(r.leaves()).hasSize(1);
    }
    assertThat(TestIndexes.siblings(target)).as("nothing left beside the index").isEmpty();
  }

  @Test
  void aDirectoryWithoutStatsIsNotAnIndex() {
    assertThatThrownBy(() -> IndexStats.read(dir))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("is not a memqa index (no index-stats.json)");
  }

  @Test
  void rebuildingReplacesTheIndex() throws IOException {
    TestIndexes.build(passages, target);
    IndexStats second = TestIndexes.build(Fixtures.resource(Fixtures.SQUAD_DEV), target, Analyzers.STANDARD);
    assertThat(documents(target)).isEqualTo(4);
    assertThat(IndexStats.read(target)).isEqualTo(second);
    assertThat(second.analyzer()).isEqualTo("standard");
    assertThat(TestIndexes.siblings(target)).as("nothing left beside the index").isEmpty();
  }

  @RepeatedTest(3)
  void aBuildThatFailsMidwayLeavesThePreviousIndexAndNoTemporaryFiles() throws IOException {
    TestIndexes.build(passages, target);
    IndexStats before = IndexStats.read(target);
    PassageReader failing = new SyntheticPassages(100_000, n -> {
      if (n > 3_000) {
        throw new CorpusException(Path.of("synthetic"), n, "broken on purpose");
      }
    });
    assertThatThrownBy(() -> TestIndexes.builder(Analyzers.ENGLISH).build(failing, source(), target))
        .isInstanceOf(CorpusException.class)
        .hasMessage("synthetic:3001: broken on purpose");
    assertThat(IndexStats.read(target)).isEqualTo(before);
    assertThat(documents(target)).isEqualTo(10);
    assertThat(TestIndexes.siblings(target)).as("nothing left beside the index").isEmpty();
  }

  private IndexBuilder.Source source() throws IOException {
    return TestIndexes.source(CorpusFormat.JSONL, passages);
  }

  @Test
  void skippedRecordsAreCountedInTheStats() throws IOException {
    Path corpus = Fixtures.write(dir.resolve("c.jsonl"), "{\"id\":\"a\",\"text\":\"x\"}\nbad\n{\"id\":\"b\",\"text\":\"y\"}\n");
    try (PassageReader r = CorpusFormat.JSONL.open(corpus, true)) {
      IndexStats stats = TestIndexes.builder(Analyzers.ENGLISH).build(r, source(), target);
      assertThat(stats.documents()).isEqualTo(2);
      assertThat(stats.skipped()).isEqualTo(1);
    }
  }

  @Test
  void anEmptyCorpusIsRefusedAndTheOldIndexKept() throws IOException {
    TestIndexes.build(passages, target);
    assertThatThrownBy(() -> TestIndexes.builder(Analyzers.ENGLISH).build(new SyntheticPassages(0, n -> {}), source(), target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no passages in " + passages)
        .hasMessageContaining("an index must hold passages");
    assertThat(documents(target)).isEqualTo(10);
    assertThat(TestIndexes.siblings(target)).isEmpty();
  }

  @Test
  void aSecondBuildOfTheSameTargetIsRefusedWhileOneRuns() throws IOException {
    TestIndexes.build(passages, target);
    try (FileChannel ch = FileChannel.open(dir.resolve(".passages.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      assertThat(held.isValid()).isTrue();
      assertThatThrownBy(() -> TestIndexes.build(passages, target))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("another memqa command is writing " + target.toAbsolutePath());
    }
    assertThat(documents(target)).isEqualTo(10);
  }

  @Test
  void optionsAreChecked() {
    assertThatThrownBy(() -> new IndexBuilder.Options(Analyzers.ENGLISH, 0, 64, true)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IndexBuilder.Options(Analyzers.ENGLISH, 65, 64, true)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IndexBuilder.Options(Analyzers.ENGLISH, 1, 8, true)).isInstanceOf(IllegalArgumentException.class);
    assertThat(IndexBuilder.Options.defaults().analyzer()).isEqualTo(Analyzers.ENGLISH);
    assertThat(Analyzers.parse("STANDARD")).isEqualTo(Analyzers.STANDARD);
    assertThatThrownBy(() -> Analyzers.parse("klingon")).hasMessageContaining("unknown analyzer 'klingon'");
    assertThat(List.of(Analyzers.values())).extracting(Analyzers::id).containsExactly("english", "standard");
  }
}

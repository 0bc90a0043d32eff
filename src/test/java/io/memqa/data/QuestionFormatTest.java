package io.memqa.data;

import static io.memqa.data.QuestionFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuestionFormatTest {
  @ParameterizedTest
  @CsvSource({
    "squad.json, SQUAD",
    "nq.jsonl, NQ_JSONL",
    // regex answers look like any other JSON lines; the manifest says nq-jsonl-regex
    "curated.jsonl, NQ_JSONL",
    "dpr-topics.txt, DPR_TSV",
    "dpr-bad-first-line.txt, DPR_TSV",
    "trec.tsv, TREC_TSV",
    "movies.txt, WIKIMOVIES",
    "qa.jsonl, QA_JSONL"
  })
  void detectsFormatFromContent(String file, QuestionFormat expected) throws IOException {
    assertThat(QuestionFormat.detect(fixture(file))).isEqualTo(expected);
  }

  @Test
  void detectionIgnoresTheFileName(@TempDir Path dir) throws IOException {
    Path misnamed = dir.resolve("questions.json");
    Files.copy(fixture("trec.tsv"), misnamed);
    assertThat(QuestionFormat.detect(misnamed)).isEqualTo(QuestionFormat.TREC_TSV);
  }

  @Test
  void tellsWikiMoviesAnswersInBracketsFromDprLists() {
    assertThat(QuestionFormatDetector.classify("1 what films are like [REC]?\t[REC] 2, Quarantine"))
        .isEqualTo(QuestionFormat.WIKIMOVIES);
    assertThat(QuestionFormatDetector.classify("1 what is a list?\t['a', 'b']"))
        .isEqualTo(QuestionFormat.DPR_TSV);
    assertThat(QuestionFormatDetector.classify("{\"title\": \"not a question\"}")).isNull();
  }

  @Test
  void unknownContentNamesTheFileFormatsAndOption() {
    Path prose = fixture("prose.txt");
    assertThatThrownBy(() -> QuestionFormat.detect(prose))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(prose.toString())
        .hasMessageContaining("squad, nq-jsonl, nq-jsonl-regex, dpr-tsv, trec-tsv, wikimovies")
        .hasMessageContaining("--format");
  }

  @Test
  void emptyFileIsUnknown(@TempDir Path dir) throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");
    assertThatThrownBy(() -> QuestionFormat.detect(empty)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingFileIsAnIoErrorNamingThePath(@TempDir Path dir) {
    Path missing = dir.resolve("missing.jsonl");
    assertThatThrownBy(() -> QuestionFormat.detect(missing))
        .isInstanceOf(IOException.class).hasMessageContaining(missing.toString());
    for (QuestionFormat f : QuestionFormat.values()) {
      assertThatThrownBy(() -> f.open(missing))
          .isInstanceOf(IOException.class).hasMessageContaining(missing.toString());
    }
    assertThatThrownBy(() -> new WikiMoviesQuestionReader(missing))
        .isInstanceOf(IOException.class).hasMessageContaining(missing.toString());
  }

  @Test
  void parsesCommandLineAndManifestNames() {
    assertThat(QuestionFormat.parse("nq-jsonl-regex")).isEqualTo(QuestionFormat.NQ_JSONL_REGEX);
    assertThat(QuestionFormat.parse("DPR_TSV")).isEqualTo(QuestionFormat.DPR_TSV);
    assertThatThrownBy(() -> QuestionFormat.parse("csv")).hasMessageContaining("known formats: squad");
  }

  @Test
  void manifestQuestionSetsUseKnownFormats() throws IOException {
    Manifest manifest = Manifest.read(Path.of("data/manifest.json"));
    assertThat(manifest.questionSets()).isNotEmpty();
    manifest.questionSets().values().forEach(q -> QuestionFormat.parse(q.format()));
  }

  @Test
  void openQuestionsDetectsTheFormatOfAPath() throws IOException {
    Datasets datasets = new Datasets(new Manifest("", null, null, null), Path.of("data"));
    try (QuestionReader r = datasets.openQuestions(fixture("movies.txt").toString(), null)) {
      assertThat(r.next().answers()).containsExactly("Once Were Warriors", "Tracker", "River Queen");
    }
  }
}

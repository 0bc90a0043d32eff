package io.memqa.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memqa.corpus.SquadFile;
import io.memqa.text.Stopwords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled "everyday" question set: well formed, answers verbatim in their paragraphs, wording not copied. */
class EverydayQuestionsTest {
  private static final Path DEV = Path.of(System.getProperty("memqa.datasets", "../shared/datasets"), "squad/dev-v1.1.json");
  private static final Pattern WORD = Pattern.compile("\\p{L}+");
  private static List<Question> questions;
  private static long skipped;

  @BeforeAll
  static void read() throws IOException {
    questions = new ArrayList<>();
    try (QuestionReader r = new Datasets(Manifest.bundled(), Path.of("data")).openQuestions("everyday", null)) {
      r.forEachRemaining(questions::add);
      skipped = r.skipped();
    }
  }

  private static List<Question> answerable() {
    return questions.stream().filter(q -> !q.answers().isEmpty()).toList();
  }

  @Test
  void everyLineIsAQuestionWithAUniqueId() {
    assertThat(skipped).isZero();
    assertThat(questions).extracting(Question::id).doesNotHaveDuplicates().allMatch(id -> id.matches("everyday-\\d{3}"));
    assertThat(answerable()).hasSizeBetween(250, 320);
    assertThat(questions.size() - answerable().size()).isBetween(45, 70);
  }

  @Test
  void unanswerableQuestionsHaveNoAnswersAndNoParagraph() {
    questions.stream().filter(q -> q.answers().isEmpty())
        .forEach(q -> assertThat(q.passageId()).as(q.id()).isNull());
  }

  @Test
  void answerableQuestionsHaveShortAnswersInADevParagraphOfManyArticles() {
    Set<String> articles = new LinkedHashSet<>();
    for (Question q : answerable()) {
      assertThat(q.passageId()).as(q.id()).matches("dev-\\d+-\\d+");
      assertThat(q.answers()).as(q.id()).hasSizeBetween(1, 3)
          .allSatisfy(a -> assertThat(a.strip().split("\\s+")).as(q.id() + ": " + a).hasSizeLessThanOrEqualTo(6));
      articles.add(q.passageId().substring(0, q.passageId().lastIndexOf('-')));
    }
    assertThat(articles).hasSizeGreaterThanOrEqualTo(30);
  }

  @Test
  void everyAnswerIsVerbatimInItsParagraphAndNoPhraseIsCopied() throws IOException {
    assumeTrue(Files.isRegularFile(DEV), "skipped: SQuAD dev not found at " + DEV);
    Map<String, String> paragraphs = new HashMap<>();
    try (SquadFile squad = new SquadFile(DEV, false)) {
      squad.forEachRemaining(p -> paragraphs.put(p.passageId(), p.passage().text()));
    }
    for (Question q : answerable()) {
      String paragraph = paragraphs.get(q.passageId());
      assertThat(paragraph).as(q.id() + " paragraph " + q.passageId()).isNotNull();
      assertThat(q.answers()).as(q.id()).allSatisfy(a -> assertThat(paragraph).contains(a));
      assertThat(copiedPhrases(q.text(), paragraph)).as(q.id() + ": " + q.text()).isEmpty();
    }
  }

  @Test
  void theCopyCheckFindsPhrasesOfThreeContentWords() {
    String paragraph = "The Normans were the people who gave their name to Normandy, a region in France.";
    assertThat(copiedPhrases("who gave their name to normandy?", paragraph)).containsExactly("gave name normandy");
    // function words between the content words do not hide a copy
    assertThat(copiedPhrases("the people who gave a name", paragraph)).containsExactly("people gave name");
    assertThat(copiedPhrases("what part of france is named after the normans", paragraph)).isEmpty();
  }

  /**
   * Runs of three consecutive content words (letters only, function words skipped) that the
   * question shares with the paragraph: a question in its own words has none.
   */
  static Set<String> copiedPhrases(String question, String paragraph) {
    Set<String> inParagraph = trigrams(contentWords(paragraph));
    Set<String> shared = trigrams(contentWords(question));
    shared.retainAll(inParagraph);
    return shared;
  }

  private static List<String> contentWords(String text) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      if (!Stopwords.contains(m.group())) {
        words.add(m.group());
      }
    }
    return words;
  }

  private static Set<String> trigrams(List<String> words) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i + 3 <= words.size(); i++) {
      out.add(String.join(" ", words.subList(i, i + 3)));
    }
    return out;
  }
}

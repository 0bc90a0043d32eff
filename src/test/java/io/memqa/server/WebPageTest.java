package io.memqa.server;

import io.memqa.testing.TinyQa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.memqa.corpus.Passage;
import io.memqa.data.Question;
import io.memqa.qa.QaPipeline;
import io.memqa.testing.TestIndexes;
import io.memqa.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real headless Chromium: ask with the keyboard, then check the rendered answer,
 * its highlighted evidence and the attention bars against the API. Skipped, saying why, when
 * Debian's chromium and chromedriver are not installed.
 */
class WebPageTest {
  // Debian's paths; other systems can point the test elsewhere with these properties.
  static final Path CHROMIUM = Path.of(System.getProperty("memqa.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("memqa.chromedriver", "/usr/bin/chromedriver"));

  static final String PREFIX = "\uD83C\uDF89\uD83C\uDF89 ";

  @TempDir static Path profile;
  static QaServer server;
  static Http http;
  static WebDriver browser;

  static boolean browserInstalled() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  @BeforeAll
  static void start() throws Exception {
    if (!browserInstalled()) {
      return;
    }
    server = QaServer.start(new ServerOptions("127.0.0.1", 0, 2, 8, 200, 65_536, 30_000, null));
    // Every passage starts with characters outside the BMP: offsets in code points (the API's)
    // and in UTF-16 units (JavaScript's) differ by two, so the page must convert to highlight.
    List<Passage> astral = TinyQa.get().data().passages().stream()
        .map(p -> new Passage(p.id(), p.title(), PREFIX + p.text())).toList();
    Path index = profile.resolve("astral-index");
    TestIndexes.build(TinyModels.corpus(astral, profile.resolve("astral.jsonl")), index);
    server.load(() -> Backend.of(QaPipeline.open(index, TinyQa.get().model())));
    http = new Http(server.url());
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--window-size=1280,1700");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void needsABrowser() {
    assumeTrue(browserInstalled(), "skipped: no headless browser at " + CHROMIUM + " and " + CHROMEDRIVER
        + "; install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver) to run the web page test");
  }

  @Test
  void asksByKeyboardAndShowsTheAnswerEvidenceAndAttention() throws IOException {
    Question q = TinyQa.whereBorn(1).get(0);
    JsonNode expected = http.postJson("/v1/answer", Map.of("question", q.text(), "explain", 5)).json();
    String answer = expected.get("answers").get(0).get("text").asText();
    assertThat(answer).isIn(q.answers());

    openPage();
    WebElement box = browser.findElement(By.id("question"));
    assertThat(browser.switchTo().activeElement()).as("the question box has focus").isEqualTo(box);
    box.sendKeys(q.text(), Keys.ENTER);
    waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("result")));

    assertThat(text("answer-text")).isEqualTo(answer);
    assertThat(browser.findElement(By.cssSelector("#evidence mark")).getText()).isEqualTo(answer);
    assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus moves to the answer").isEqualTo("result-heading");

    String source = expected.get("answers").get(0).get("passageId").asText();
    WebElement passage = browser.findElement(By.cssSelector(".passage[data-id='" + source + "']"));
    assertThat(passage.getText()).contains(PREFIX.strip());
    assertThat(passage.findElement(By.cssSelector("mark.top")).getText()).as("highlighted after astral characters")
        .isEqualTo(answer);
    assertThat(browser.findElements(By.cssSelector("#passages .passage"))).hasSize(expected.get("passages").size());

    assertThat(browser.findElement(By.id("not-confident")).isDisplayed())
        .as("the page says so when the best answer is unlikely").isEqualTo(!expected.get("confident").asBoolean());
    assertThat(text("answer-score")).endsWith("% likely right");
    List<WebElement> hops = browser.findElements(By.cssSelector("#hops .hop"));
    assertThat(hops).hasSize(expected.get("hops").size()).isNotEmpty();
    for (int h = 0; h < hops.size(); h++) {
      JsonNode want = expected.get("hops").get(h);
      assertThat(hops.get(h).findElements(By.cssSelector(".passage-share"))).hasSize(want.get("passages").size());
      assertThat(hops.get(h).findElements(By.cssSelector(".sentence"))).hasSize(want.get("sentences").size());
      List<WebElement> slots = hops.get(h).findElements(By.cssSelector(".attended"));
      assertThat(slots).hasSize(want.get("slots").size());
      for (int s = 0; s < slots.size(); s++) {
        double weight = want.get("slots").get(s).get("weight").asDouble();
        assertThat(slots.get(s).findElement(By.cssSelector(".slot-value")).getText())
            .isEqualTo(want.get("slots").get(s).get("value").asText());
        assertThat(slots.get(s).findElement(By.cssSelector(".slot-weight")).getText())
            .isEqualTo(String.format(Locale.ROOT, "%.1f%%", weight * 100));
        int width = slots.get(s).findElement(By.cssSelector(".bar")).getSize().getWidth();
        int track = slots.get(s).findElement(By.cssSelector(".track")).getSize().getWidth();
        assertThat(width).as("bars are absolute: a full bar is the whole hop")
            .isCloseTo((int) Math.round(Math.max(weight * track, 2)), org.assertj.core.data.Offset.offset(2));
      }
    }
    Files.write(Path.of("target", "web-page.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void saysSoWhenNothingMatchesAndShowsErrors() {
    openPage();
    ask("is it the?");
    waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "No answer"));
    assertThat(browser.findElement(By.id("result")).isDisplayed()).isFalse();

    ask("Where was " + "Alma ".repeat(60) + "born?");
    waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(text("error")).contains("question is too long").contains("limit 200");
    assertThat(browser.findElement(By.id("error")).getAttribute("role")).isEqualTo("alert");

    ask("   ");
    assertThat(text("error")).isEqualTo("Type a question first.");
  }

  @Test
  void slashFocusesTheQuestionBoxAndExamplesAreButtons() {
    openPage();
    browser.findElement(By.tagName("h1")).click();
    browser.switchTo().activeElement().sendKeys("/");
    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("question");
    assertThat(browser.findElements(By.cssSelector("#examples button"))).isNotEmpty()
        .allSatisfy(b -> assertThat(b.getAttribute("type")).isEqualTo("button"));
  }

  /** axe-core finds no accessibility violation with an answer shown, in the light and the dark theme. */
  @Test
  void axeFindsNoViolationsInEitherTheme() throws IOException {
    String axe;
    try (var in = WebPageTest.class.getClassLoader().getResourceAsStream("axe.min.js")) {
      assertThat(in).as("axe.min.js from com.deque.html.axe-core:selenium").isNotNull();
      axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    ChromeDriver chrome = (ChromeDriver) browser;
    try {
      for (String scheme : List.of("light", "dark")) {
        chrome.executeCdpCommand("Emulation.setEmulatedMedia",
            Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        openPage();
        assertThat(chrome.executeScript("return matchMedia('(prefers-color-scheme: dark)').matches"))
            .isEqualTo(scheme.equals("dark"));
        ask(TinyQa.whereBorn(1).get(0).text());
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
        chrome.executeScript(axe);
        Object violations = chrome.executeAsyncScript("const done = arguments[arguments.length - 1];"
            + "axe.run(document).then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact,"
            + " nodes: v.nodes.map(n => n.target.join(' '))})))), e => done('axe failed: ' + e));");
        assertThat(violations).as(scheme + " theme").isEqualTo("[]");
      }
    } finally {
      chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }
  }

  private static void openPage() {
    browser.get(server.url() + "/");
    waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("readiness"), "Ready"));
  }

  private static void ask(String question) {
    WebElement box = browser.findElement(By.id("question"));
    box.clear();
    box.sendKeys(question, Keys.ENTER);
  }

  private static String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private static void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
    new WebDriverWait(browser, Duration.ofSeconds(60)).until(condition);
  }
}

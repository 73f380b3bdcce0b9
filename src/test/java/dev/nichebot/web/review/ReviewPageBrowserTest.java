package dev.nichebot.web.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.config.Secret;
import dev.nichebot.domain.CandidateState;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * The review page in a real browser: Debian's headless chromium through the system chromedriver
 * (never a downloaded one). Approves one candidate with the keyboard and one with the mouse, moves
 * with the arrows, undoes with U, and checks the database each time.
 */
class ReviewPageBrowserTest {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  @TempDir Path dir;
  private ReviewPageServer server;
  private WebDriver browser;

  @AfterEach
  void close() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  private WebDriver chromium() throws Exception {
    Assumptions.assumeTrue(
        CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
        "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
    // Selenium Manager must never download a browser or driver.
    System.setProperty("SE_OFFLINE", "true");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.getPath());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
    return new ChromeDriver(service, options);
  }

  @Test
  void approveWithTheKeyboardAndWithTheMouseThenUndo() throws Exception {
    browser = chromium();
    Path images = Files.createDirectories(dir.resolve("images"));
    server = new ReviewPageServer(images, Secret.empty(), "127.0.0.1");
    long first = server.seed.in(CandidateState.QUEUED_FOR_REVIEW, 0.91);
    long second = server.seed.in(CandidateState.QUEUED_FOR_REVIEW, 0.82);
    long third = server.seed.in(CandidateState.IN_REVIEW, 0.73);
    ConditionFactory wait = Awaitility.await().atMost(Duration.ofSeconds(10));
    WebDriver b = browser;

    browser.get(server.base() + "/review");
    assertThat(browser.getTitle()).contains("Review");
    WebElement name = browser.findElement(By.id("reviewer"));
    name.sendKeys("alice");
    WebElement firstCard = browser.findElement(By.id("c" + first));
    assertThat(firstCard.findElement(By.tagName("img")).getAttribute("naturalWidth"))
        .isEqualTo("64");

    // Keyboard: Esc leaves the name field for the first card (largest score); A approves it.
    name.sendKeys(Keys.ESCAPE);
    wait.until(() -> ("c" + first).equals(b.switchTo().activeElement().getAttribute("id")));
    new Actions(browser).sendKeys("a").perform();
    wait.until(() -> !b.findElement(By.id("c" + first)).isDisplayed());
    assertThat(state(first)).isEqualTo(CandidateState.APPROVED);
    // Focus moved on to the next card, ready for the next key.
    wait.until(() -> ("c" + second).equals(b.switchTo().activeElement().getAttribute("id")));

    // Arrows move between the cards still waiting, and A acts on the one they reach.
    new Actions(browser).sendKeys(Keys.ARROW_RIGHT).perform();
    wait.until(() -> ("c" + third).equals(b.switchTo().activeElement().getAttribute("id")));
    new Actions(browser).sendKeys(Keys.ARROW_LEFT).perform();
    wait.until(() -> ("c" + second).equals(b.switchTo().activeElement().getAttribute("id")));
    new Actions(browser).sendKeys(Keys.ARROW_LEFT).perform();
    assertThat(b.switchTo().activeElement().getAttribute("id"))
        .as("the first waiting card is the left end")
        .isEqualTo("c" + second);

    // Mouse: the third card's Approve button.
    browser.findElement(By.cssSelector("#c" + third + " button.approve")).click();
    wait.until(() -> !b.findElement(By.id("c" + third)).isDisplayed());
    assertThat(state(third)).isEqualTo(CandidateState.APPROVED);
    assertThat(server.review.votes().active(third))
        .singleElement()
        .satisfies(v -> assertThat(v.reviewer()).isEqualTo("web:alice"));
    assertThat(state(second)).isEqualTo(CandidateState.QUEUED_FOR_REVIEW);

    // U takes back the newest decision: the third card is back, waiting again.
    new Actions(browser).sendKeys("u").perform();
    wait.until(() -> b.findElement(By.id("c" + third)).isDisplayed());
    assertThat(state(third)).isEqualTo(CandidateState.IN_REVIEW);
    assertThat(state(first)).isEqualTo(CandidateState.APPROVED);
    assertThat(browser.findElement(By.id("status")).getText()).contains("vote withdrawn");

    Path shot = Path.of("target", "screenshots", "review-page.png");
    Files.createDirectories(shot.getParent());
    byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(shot, png);
    assertThat(png.length).isGreaterThan(1000);
  }

  private CandidateState state(long id) {
    return server.candidates.find(id).orElseThrow().state();
  }
}

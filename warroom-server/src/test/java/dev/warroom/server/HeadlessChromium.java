package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warroom.model.SharedDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven by Selenium, headless. Skips the calling test when chromium is absent,
 * except under CI, where it fails (CI installs it through .ci/install-deps).
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  final WebDriver web;
  final WebDriverWait wait;

  private HeadlessChromium(WebDriver web, Duration timeout) {
    this.web = web;
    this.wait = new WebDriverWait(web, timeout);
  }

  static HeadlessChromium start(Duration timeout) {
    boolean present = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    assumeTrue(present || SharedDatasets.inCi(), "chromium/chromedriver absent, skipping");
    assertThat(present).as("chromium and chromedriver must be installed under CI").isTrue();
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage");
    ChromeDriverService svc =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new HeadlessChromium(new ChromeDriver(svc, o), timeout);
  }

  /** Signs in to the UI of {@code base} with a token and waits for the incident list. */
  void signIn(String base, String token) {
    web.get(base + "/ui");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token")));
    web.findElement(By.id("token")).sendKeys(token);
    web.findElement(By.id("login")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("incidents")));
  }

  @Override
  public void close() {
    web.quit();
  }
}

package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warroom.model.SharedDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

class UiBrowserTest {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  @Test
  void alertPostedToTheWebhookAppearsItsReportRendersAndFeedbackIsSaved() {
    boolean present = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    assumeTrue(present || SharedDatasets.inCi(), "chromium/chromedriver absent, skipping");
    assertThat(present).as("chromium and chromedriver must be installed under CI").isTrue();

    try (TestServer t = new TestServer(dir)) {
      var r =
          t.send(
              "POST",
              "/api/v1/alerts/alertmanager",
              TestServer.RESPONDER,
              AlertWebhookTest.alertmanager("firing", "ui-1", "2026-01-01T10:00:00Z"));
      String id = t.parse(r.body()).path("incidents").get(0).path("id").asText();
      t.awaitFinished(id);

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
      WebDriver web = new ChromeDriver(svc, o);
      try {
        String base = "http://localhost:" + t.server.port();
        WebDriverWait wait = new WebDriverWait(web, Duration.ofSeconds(30));
        web.get(base + "/ui");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token")));
        web.findElement(By.id("token")).sendKeys(TestServer.RESPONDER);
        web.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("incidents")));
        assertThat(web.findElement(By.id("incidents")).getText())
            .contains("checkout p99 latency above 2s");

        web.findElement(By.linkText(id)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("report")));
        assertThat(web.findElement(By.id("state")).getText()).isEqualTo("done");
        web.switchTo().frame("report");
        assertThat(web.findElement(By.tagName("body")).getText()).isNotBlank();
        web.switchTo().defaultContent();

        web.findElement(By.id("truth")).sendKeys("cart database pool exhausted");
        web.findElement(By.id("wrong")).click();
        wait.until(ExpectedConditions.textToBe(By.id("saved"), "feedback saved"));
      } finally {
        web.quit();
      }
      var saved = t.server.incidents().feedback(id);
      assertThat(saved).hasSize(1);
      assertThat(saved.getFirst().correct()).isFalse();
      assertThat(saved.getFirst().trueRootCause()).isEqualTo("cart database pool exhausted");
    }
  }
}

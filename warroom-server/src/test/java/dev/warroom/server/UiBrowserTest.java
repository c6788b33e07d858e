package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

class UiBrowserTest {
  @TempDir Path dir;

  @Test
  void alertPostedToTheWebhookAppearsItsReportRendersAndFeedbackIsSaved() {
    try (TestServer t = new TestServer(dir)) {
      var r =
          t.send(
              "POST",
              "/api/v1/alerts/alertmanager",
              TestServer.RESPONDER,
              AlertWebhookTest.alertmanager("firing", "ui-1", "2026-01-01T10:00:00Z"));
      String id = t.parse(r.body()).path("incidents").get(0).path("id").asText();
      t.awaitFinished(id);

      try (HeadlessChromium c = HeadlessChromium.start(Duration.ofSeconds(30))) {
        WebDriver web = c.web;
        WebDriverWait wait = c.wait;
        c.signIn("http://localhost:" + t.server.port(), TestServer.RESPONDER);
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
      }
      var saved = t.server.incidents().feedback(id);
      assertThat(saved).hasSize(1);
      assertThat(saved.getFirst().correct()).isFalse();
      assertThat(saved.getFirst().trueRootCause()).isEqualTo("cart database pool exhausted");
    }
  }
}

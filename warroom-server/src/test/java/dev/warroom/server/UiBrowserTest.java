package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The verdict-first UI in headless Chromium (issue 15): the list shows root cause, class,
 * confidence and severity and filters; the report page opens on the verdict and the top candidate
 * inside the first viewport; charts are ordered by relevance with units; feedback and re-run for a
 * responder; links to the alert's generatorURL, runbook_url and the configured dashboards.
 * Screenshots of both pages are saved under {@code target/ui-screenshots/}.
 */
class UiBrowserTest {
  @TempDir Path dir;

  static final Path SHOTS = Path.of("target", "ui-screenshots");

  private static void screenshot(WebDriver web, String name) throws Exception {
    Files.createDirectories(SHOTS);
    Path png = ((TakesScreenshot) web).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(SHOTS.resolve(name))).isPositive();
  }

  /** Whether the element lies wholly inside the viewport as the page opened (no scrolling). */
  private static boolean inFirstViewport(WebDriver web, WebElement e) {
    Object r =
        ((JavascriptExecutor) web)
            .executeScript(
                "var b=arguments[0].getBoundingClientRect();"
                    + "return b.top>=0&&b.left>=0&&b.height>0&&b.bottom<=window.innerHeight"
                    + "&&b.right<=window.innerWidth&&window.scrollY===0;",
                e);
    return Boolean.TRUE.equals(r);
  }

  @Test
  void reportPageOpensOnTheVerdictAndTopCandidateAndTheListFilters() throws Exception {
    Episode ep = new Gym().reset(7, Scenario.of(SystemCatalog.get("shop"), FaultType.CPU_HOG));
    Path bundle = dir.resolve("ep");
    ep.write(bundle);
    ServerConfig c =
        TestServer.config(dir.resolve("data"))
            .withOptions(
                ServerConfig.Options.DEFAULT.withDashboards(
                    List.of(
                        new ServerConfig.Dashboard(
                            "Grafana",
                            "https://grafana.example.org/d/svc?var-service={service}"))));
    try (TestServer t = new TestServer(c)) {
      var up =
          t.send(
              "POST",
              "/api/v1/bundles",
              TestServer.RESPONDER,
              BundleUploadTest.zip(bundle),
              Map.of("Content-Type", "application/zip"));
      assertThat(up.statusCode()).as(up.body()).isEqualTo(202);
      String id = t.parse(up.body()).path("incident").asText();
      // a second alert, with a generatorURL and a runbook_url, over the same telemetry
      String am =
          """
          {"version":"4","status":"firing","receiver":"warroom","groupLabels":{},
           "alerts":[{"status":"firing","fingerprint":"ui-links",
             "labels":{"alertname":"HighLatency","service":"frontend","severity":"warning"},
             "annotations":{"summary":"frontend p99 latency above 2s",
               "runbook_url":"https://runbooks.example.org/frontend-latency"},
             "generatorURL":"https://prometheus.example.org/graph?g0.expr=latency",
             "startsAt":"%s","endsAt":"0001-01-01T00:00:00Z"}]}
          """
              .formatted(ep.alert().startsAt());
      var r = t.send("POST", "/api/v1/alerts/alertmanager", TestServer.RESPONDER, am);
      String linked = t.parse(r.body()).path("incidents").get(0).path("id").asText();
      t.awaitFinished(id, Duration.ofSeconds(240));
      t.awaitFinished(linked, Duration.ofSeconds(240));
      JsonNode report = t.getJson("/api/v1/incidents/" + id + "/report");
      String verdict = report.path("verdict").asText().replace('_', ' ');
      String top = report.path("candidates").get(0).path("service").asText();

      try (HeadlessChromium chrome = HeadlessChromium.start(Duration.ofSeconds(60))) {
        WebDriver web = chrome.web;
        WebDriverWait wait = chrome.wait;
        web.manage().window().setSize(new Dimension(1280, 800));
        String base = "http://localhost:" + t.server.port();
        chrome.signIn(base, TestServer.RESPONDER);

        String list = web.findElement(By.id("incidents")).getText();
        assertThat(list)
            .contains(top)
            .contains(report.path("candidates").get(0).path("faultClass").asText());
        assertThat(list).contains("warning").contains(verdict);
        screenshot(web, "incidents.png");

        web.findElement(By.id("q")).sendKeys("ui-links-nothing-matches");
        web.findElement(By.id("apply")).click();
        wait.until(ExpectedConditions.textToBe(By.id("count"), "0 shown"));
        web.get(base + "/ui?severity=warning");
        assertThat(web.findElement(By.id("count")).getText()).isEqualTo("1 shown");
        assertThat(web.findElement(By.id("incidents")).getText()).contains(linked);

        web.get(base + "/ui/incidents/" + id);
        WebElement verdictWord = web.findElement(By.id("verdict-word"));
        WebElement topCandidate = web.findElement(By.id("top-candidate"));
        assertThat(verdictWord.getText()).isEqualToIgnoringCase(verdict);
        assertThat(topCandidate.getText()).contains(top);
        assertThat(inFirstViewport(web, verdictWord)).as("verdict in the first viewport").isTrue();
        assertThat(inFirstViewport(web, topCandidate))
            .as("top candidate in the first viewport")
            .isTrue();
        assertThat(web.findElements(By.tagName("iframe"))).isEmpty();
        assertThat(web.findElement(By.cssSelector("a.dashboard")).getAttribute("href"))
            .isEqualTo("https://grafana.example.org/d/svc?var-service=" + top);
        List<WebElement> figures = web.findElements(By.cssSelector("figure.chart-fig"));
        if (!figures.isEmpty()) {
          List<Integer> ranks =
              figures.stream()
                  .map(f -> Integer.parseInt(f.getAttribute("data-relevance")))
                  .toList();
          assertThat(ranks).isSorted();
          assertThat(figures.getFirst().findElement(By.className("unit")).getText())
              .startsWith("[");
        }
        screenshot(web, "report.png");

        web.findElement(By.id("truth")).sendKeys("cart database pool exhausted");
        web.findElement(By.id("wrong")).click();
        wait.until(ExpectedConditions.textToBe(By.id("saved"), "feedback saved"));

        web.findElement(By.id("rerun")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        assertThat(t.server.incidents().get(id).orElseThrow().state())
            .isIn(IncidentState.QUEUED, IncidentState.RUNNING, IncidentState.DONE);
        assertThat(t.server.incidents().attempts(id)).isLessThanOrEqualTo(1);

        web.get(base + "/ui/incidents/" + linked);
        assertThat(web.findElement(By.cssSelector("a.generator")).getAttribute("href"))
            .isEqualTo("https://prometheus.example.org/graph?g0.expr=latency");
        assertThat(web.findElement(By.cssSelector("a.runbook")).getAttribute("href"))
            .isEqualTo("https://runbooks.example.org/frontend-latency");
      }
      var saved = t.server.incidents().feedback(id);
      assertThat(saved).hasSize(1);
      assertThat(saved.getFirst().correct()).isFalse();
      assertThat(saved.getFirst().trueRootCause()).isEqualTo("cart database pool exhausted");
      assertThat(saved.getFirst().givenBy()).startsWith("responder token ");
    }
  }
}

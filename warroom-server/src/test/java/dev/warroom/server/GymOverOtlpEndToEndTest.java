package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Message;
import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import dev.warroom.store.bundle.AlertParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The "done when": a gym incident's telemetry arrives over OTLP/HTTP protobuf (logs,
 * metrics, traces; no bundle upload), its Alertmanager webhook opens the incident, the
 * investigation reads what OTLP delivered, and the report page in headless Chromium names the
 * root-cause service of truth.json. Shop CPU hog, seed 7 (the engine finds currency; `warroom gym
 * run` + `warroom investigate` agree). Events, topology and code are not sent: OTLP does not carry
 * them, so the investigation works from the three signals alone.
 */
class GymOverOtlpEndToEndTest {
  @TempDir Path dir;

  @Test
  void gymTelemetryOverOtlpAndItsWebhookGiveAReportNamingTheTrueRootCause() {
    Episode ep = new Gym().reset(7, Scenario.of(SystemCatalog.get("shop"), FaultType.CPU_HOG));
    String truth = ep.truth().rootCauseService();
    var b = ep.bundle();

    try (TestServer t = new TestServer(dir)) {
      long logs = send(t, "/v1/logs", OtlpRequests.logs(b.logs(), 5000));
      long spans = send(t, "/v1/traces", OtlpRequests.spans(b.spans(), 5000));
      send(t, "/v1/metrics", OtlpRequests.metrics(b.metrics(), 50_000));
      assertThat(logs).isPositive();
      assertThat(t.server.telemetrySummary().logRecords()).isEqualTo(b.logs().size());
      assertThat(t.server.telemetrySummary().spans()).isEqualTo(b.spans().size());

      String webhook = AlertParser.toAlertmanager(ep.alert()).toString();
      // authenticated the way Alertmanager is configured to: the shared webhook secret
      var r =
          t.send(
              "POST",
              "/api/v1/alerts/alertmanager",
              null,
              webhook.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              Map.of("X-Warroom-Secret", TestServer.SECRET, "Content-Type", "application/json"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      String id = t.parse(r.body()).path("incidents").get(0).path("id").asText();
      JsonNode done = t.awaitFinished(id, Duration.ofMinutes(4));
      assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("done");

      try (HeadlessChromium c = HeadlessChromium.start(Duration.ofSeconds(60))) {
        String base = "http://localhost:" + t.server.port();
        c.signIn(base, TestServer.VIEWER);
        assertThat(c.web.findElement(By.id("incidents")).getText()).contains(ep.alert().title());
        c.web.findElement(By.linkText(id)).click();
        c.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("top-candidate")));
        String top =
            c.web.findElement(By.cssSelector("#candidates tr.top td:nth-child(2)")).getText();
        assertThat(top).as("top candidate on the report page").isEqualTo(truth);
        assertThat(c.web.findElement(By.id("top-candidate")).getText()).contains(truth);
        checkInteractiveCharts(c);
      }
      assertThat(spans).isPositive();
    }
  }

  /** Hover read-out, drag-to-zoom and reset on a chart; the evidence drill-down of its query. */
  private static void checkInteractiveCharts(HeadlessChromium c) {
    List<WebElement> charts = c.web.findElements(By.cssSelector("svg.ichart"));
    assertThat(charts).as("interactive charts on the incident page").isNotEmpty();
    assertThat(c.web.findElements(By.cssSelector("svg.ichart polygon.band")))
        .as("baseline bands")
        .isNotEmpty();
    assertThat(c.web.findElements(By.cssSelector("svg.ichart rect.anomaly")))
        .as("anomalous windows")
        .isNotEmpty();
    WebElement svg = charts.getFirst();
    WebElement fig = svg.findElement(By.xpath("ancestor::figure"));
    WebElement readout = fig.findElement(By.cssSelector(".readout"));
    new Actions(c.web).scrollToElement(svg).moveToElement(svg, 40, 0).perform();
    c.wait.until(
        ExpectedConditions.textMatches(By.cssSelector(".readout"), Pattern.compile("value")));
    assertThat(readout.getText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d.* value .*");

    Instant start = Instant.parse(svg.getAttribute("data-start"));
    Instant end = Instant.parse(svg.getAttribute("data-end"));
    new Actions(c.web)
        .moveToElement(svg, -150, 0)
        .clickAndHold()
        .moveByOffset(200, 0)
        .release()
        .perform();
    WebElement zoomed = fig.findElement(By.cssSelector("svg.ichart"));
    Instant zs = Instant.parse(zoomed.getAttribute("data-start"));
    Instant ze = Instant.parse(zoomed.getAttribute("data-end"));
    assertThat(zs).isAfter(start);
    assertThat(ze).isBefore(end);
    fig.findElement(By.cssSelector("button.reset")).click();
    assertThat(
            Instant.parse(fig.findElement(By.cssSelector("svg.ichart")).getAttribute("data-start")))
        .isEqualTo(start);

    fig.findElement(By.cssSelector("details.drill summary")).click();
    assertThat(fig.findElement(By.cssSelector("details.drill table.rows")).isDisplayed()).isTrue();
    assertThat(fig.findElements(By.cssSelector("details.drill pre"))).isNotEmpty();
  }

  /** POSTs each request as application/x-protobuf; returns how many were accepted. */
  private static long send(TestServer t, String path, List<? extends Message> requests) {
    long ok = 0;
    for (Message m : requests) {
      var r =
          t.send(
              "POST",
              path,
              TestServer.RESPONDER,
              m.toByteArray(),
              Map.of("Content-Type", "application/x-protobuf"));
      assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
      ok++;
    }
    return ok;
  }
}

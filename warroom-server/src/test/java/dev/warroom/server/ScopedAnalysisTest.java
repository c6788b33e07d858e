package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 7: an investigation through the server sees the telemetry of its incident, not
 * everything the store has ever received, and checks the alerted symptom before it blames anyone.
 */
class ScopedAnalysisTest {
  @TempDir Path dir;

  private static String genericAlert(String fp, String service, String signal, Instant at) {
    return "{\"title\":\"p99 latency of "
        + service
        + "\",\"fingerprint\":\""
        + fp
        + "\",\"service\":\""
        + service
        + "\",\"labels\":{\"signal\":\""
        + signal
        + "\",\"service\":\""
        + service
        + "\"},\"startsAt\":\""
        + at
        + "\"}";
  }

  private static String postAlert(TestServer t, String body) {
    var r = t.send("POST", "/api/v1/alerts/generic", TestServer.RESPONDER, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return t.parse(r.body()).path("incidents").get(0).path("id").asText();
  }

  private static String upload(TestServer t, Path bundle) throws Exception {
    var r =
        t.send(
            "POST",
            "/api/v1/bundles",
            TestServer.RESPONDER,
            BundleUploadTest.zip(bundle),
            Map.of("Content-Type", "application/zip"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return t.parse(r.body()).path("incident").asText(null);
  }

  @Test
  void databaseStatisticsOfAnotherTimeAreNotBlamedAndEvidenceIsListedOnce() throws Exception {
    Episode ep =
        new Gym().reset(7, Scenario.of(SystemCatalog.get("bank"), FaultType.UNINDEXED_QUERY));
    Path bundle = dir.resolve("bank");
    ep.write(bundle);
    try (TestServer t = new TestServer(dir.resolve("data"))) {
      String own = upload(t, bundle);
      // an alert three weeks later, when the store holds no telemetry at all
      String later =
          postAlert(
              t,
              genericAlert(
                  "later-1",
                  ep.truth().alertService(),
                  "latency",
                  ep.alert().startsAt().plus(Duration.ofDays(21))));

      assertThat(t.awaitFinished(own, Duration.ofSeconds(180)).path("state").asText())
          .isEqualTo("done");
      JsonNode ownReport = t.getJson("/api/v1/incidents/" + own + "/report");
      assertThat(ownReport.toString())
          .as("the bundle's manifest window is the incident window")
          .contains("as declared by the bundle");
      assertEvidenceListedOnce(ownReport);

      assertThat(t.awaitFinished(later, Duration.ofSeconds(180)).path("state").asText())
          .isEqualTo("done");
      JsonNode report = t.getJson("/api/v1/incidents/" + later + "/report");
      List<String> dbFindings = new ArrayList<>();
      for (JsonNode f : report.path("findings")) {
        if (f.path("component").asText().endsWith("-db")) {
          dbFindings.add(f.path("summary").asText());
        }
      }
      assertThat(dbFindings).as("findings about databases three weeks earlier").isEmpty();
      assertThat(report.path("verdict").asText()).isNotEqualTo("root_cause_found");
      for (JsonNode c : report.path("candidates")) {
        assertThat(c.path("service").asText()).doesNotEndWith("-db");
      }
      assertEvidenceListedOnce(report);
    }
  }

  private static void assertEvidenceListedOnce(JsonNode report) {
    Set<String> ids = new HashSet<>();
    Set<String> contents = new HashSet<>();
    for (JsonNode e : report.path("evidence")) {
      assertThat(ids.add(e.path("id").asText())).as("evidence id " + e.path("id")).isTrue();
      String content =
          e.path("kind").asText()
              + "|"
              + e.path("source").asText()
              + "|"
              + e.path("query").asText()
              + "|"
              + e.path("summary").asText();
      assertThat(contents.add(content)).as("evidence listed twice: " + content).isTrue();
    }
  }

  @Test
  void anAlertedServiceThatIsHealthyIsNotARootCauseFoundOffItsPath() throws Exception {
    Episode ep =
        new Gym()
            .reset(
                7,
                Scenario.of(SystemCatalog.get("shop"), FaultType.BAD_DEPLOY)
                    .withTarget("ad", null));
    Path bundle = dir.resolve("shop");
    ep.write(bundle);
    try (TestServer t = new TestServer(dir.resolve("data"))) {
      assertThat(upload(t, bundle)).isNotNull();
      String id =
          postAlert(t, genericAlert("checkout-p99", "checkout", "latency", ep.alert().startsAt()));
      assertThat(t.awaitFinished(id, Duration.ofSeconds(180)).path("state").asText())
          .isEqualTo("done");
      JsonNode report = t.getJson("/api/v1/incidents/" + id + "/report");
      String verdict = report.path("verdict").asText();
      String top = report.path("candidates").path(0).path("service").asText("");
      assertThat(verdict + " blaming " + top)
          .as(report.path("summary").asText())
          .isNotEqualTo("root_cause_found blaming ad");
      assertThat(verdict).isNotEqualTo("root_cause_found");
      assertThat(report.path("summary").asText())
          .contains("The alert on checkout is not borne out");
    }
  }
}

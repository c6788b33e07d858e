package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTest {
  @TempDir Path dir;
  TestServer t;

  @BeforeEach
  void start() {
    t = new TestServer(dir);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private String openIncident() {
    var r =
        t.send(
            "POST",
            "/api/v1/alerts/generic",
            TestServer.RESPONDER,
            "{\"title\":\"api errors\",\"service\":\"api\",\"startsAt\":\"2026-01-01T10:00:00Z\"}");
    return t.parse(r.body()).path("incidents").get(0).path("id").asText();
  }

  @Test
  void openApiDocumentDescribesEveryRoute() {
    JsonNode doc = t.getJson("/api/openapi.json");
    assertThat(t.server.routes()).hasSizeGreaterThan(8);
    for (String route : t.server.routes()) {
      String[] mp = route.split(" ");
      assertThat(doc.path("paths").path(mp[1]).has(mp[0].toLowerCase()))
          .as("openapi.json describes " + route)
          .isTrue();
    }
  }

  @Test
  void feedbackIsSavedAndAWrongVerdictNeedsTheTrueRootCause() {
    String id = openIncident();
    HttpResponse<String> bad =
        t.send(
            "POST",
            "/api/v1/incidents/" + id + "/feedback",
            TestServer.RESPONDER,
            "{\"correct\":false}");
    HttpResponse<String> ok =
        t.send(
            "POST",
            "/api/v1/incidents/" + id + "/feedback",
            TestServer.RESPONDER,
            "{\"correct\":false,\"trueRootCause\":\"db connection pool exhausted\"}");

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("body#/trueRootCause");
    assertThat(ok.statusCode()).isEqualTo(201);
    JsonNode saved = t.getJson("/api/v1/incidents/" + id + "/feedback");
    assertThat(saved).hasSize(1);
    assertThat(saved.get(0).path("trueRootCause").asText())
        .isEqualTo("db connection pool exhausted");
    assertThat(
            t.send(
                    "POST",
                    "/api/v1/incidents/nope/feedback",
                    TestServer.RESPONDER,
                    "{\"correct\":true}")
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void metricsAreInPrometheusTextFormat() {
    String id = openIncident();
    t.awaitFinished(id);
    String m = t.send("GET", "/metrics", TestServer.VIEWER, null).body();
    assertThat(m).contains("# TYPE warroom_alerts_received_total counter");
    assertThat(m).contains("warroom_alerts_received_total{webhook=\"generic\"} 1");
    assertThat(m).contains("warroom_incidents{state=\"done\"} 1");
    assertThat(m).contains("warroom_investigations_completed_total 1");
    assertThat(m)
        .containsPattern(
            "warroom_http_requests_total\\{method=\"POST\",route=\"/api/v1/alerts/\\{kind}\",status=\"202\"} 1");
    assertThat(t.send("GET", "/api/v1/metrics", TestServer.VIEWER, null).body())
        .contains("warroom_queue_waiting");
  }

  @Test
  void reportOfUnknownIncidentIs404AndBadFormatIs400() {
    String id = openIncident();
    t.awaitFinished(id);
    assertThat(t.send("GET", "/api/v1/incidents/nope/report", TestServer.VIEWER, null).statusCode())
        .isEqualTo(404);
    var r =
        t.send("GET", "/api/v1/incidents/" + id + "/report?format=pdf", TestServer.VIEWER, null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("format");
    assertThat(t.send("GET", "/api/v1/incidents?limit=0", TestServer.VIEWER, null).statusCode())
        .isEqualTo(400);
  }

  @Test
  void queuedInvestigationsLeftByAPreviousProcessRunAtStart() {
    t.close();
    // What a killed process leaves behind: an incident stored as RUNNING with no report.
    try (IncidentRepository repo = IncidentRepository.open(DatabaseConfig.embedded(dir))) {
      var now = java.time.Instant.now();
      repo.insertIfAbsent(
          new Incident(
              "inc-left",
              "k@1",
              "k",
              "generic",
              "left over",
              null,
              "firing",
              IncidentState.RUNNING,
              "{\"title\":\"left over\",\"startsAt\":\"2026-01-01T10:00:00Z\",\"fingerprint\":\"k\"}",
              now,
              now,
              null,
              null,
              null));
    }
    t = new TestServer(dir);
    assertThat(t.awaitFinished("inc-left").path("state").asText()).isEqualTo("done");
    assertThat(
            t.send("GET", "/api/v1/incidents/inc-left/report?format=md", TestServer.VIEWER, null)
                .statusCode())
        .isEqualTo(200);
  }
}

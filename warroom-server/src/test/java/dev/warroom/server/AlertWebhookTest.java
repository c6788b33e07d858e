package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertWebhookTest {
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

  static String alertmanager(String status, String fingerprint, String startsAt) {
    return """
        {"version":"4","status":"%s","receiver":"warroom","groupLabels":{},
         "alerts":[{"status":"%s","fingerprint":"%s",
           "labels":{"alertname":"HighLatency","service":"checkout","severity":"critical"},
           "annotations":{"summary":"checkout p99 latency above 2s"},
           "startsAt":"%s","endsAt":"0001-01-01T00:00:00Z"}]}
        """
        .formatted(status, status, fingerprint, startsAt);
  }

  @Test
  void repeatedAlertmanagerNotificationsOpenOneIncidentAndItsReportRenders() {
    String body = alertmanager("firing", "fp-1", "2026-01-01T10:00:00Z");
    HttpResponse<String> first =
        t.send("POST", "/api/v1/alerts/alertmanager", TestServer.RESPONDER, body);
    HttpResponse<String> again =
        t.send("POST", "/api/v1/alerts/alertmanager", TestServer.RESPONDER, body);

    assertThat(first.statusCode()).isEqualTo(202);
    JsonNode a = t.parse(first.body()).path("incidents").get(0);
    JsonNode b = t.parse(again.body()).path("incidents").get(0);
    assertThat(a.path("created").asBoolean()).isTrue();
    assertThat(b.path("created").asBoolean()).isFalse();
    assertThat(b.path("id").asText()).isEqualTo(a.path("id").asText());
    assertThat(t.getJson("/api/v1/incidents")).hasSize(1);

    String id = a.path("id").asText();
    JsonNode done = t.awaitFinished(id);
    assertThat(done.path("state").asText()).isEqualTo("done");
    assertThat(done.path("title").asText()).isEqualTo("checkout p99 latency above 2s");
    HttpResponse<String> md =
        t.send("GET", "/api/v1/incidents/" + id + "/report?format=md", TestServer.VIEWER, null);
    HttpResponse<String> html =
        t.send("GET", "/api/v1/incidents/" + id + "/report?format=html", TestServer.VIEWER, null);
    JsonNode report = t.getJson("/api/v1/incidents/" + id + "/report");
    assertThat(md.statusCode()).isEqualTo(200);
    assertThat(md.headers().firstValue("Content-Type").orElse("")).startsWith("text/markdown");
    assertThat(html.body()).contains("<html");
    assertThat(report.path("incidentId").asText()).isEqualTo(id);
  }

  @Test
  void resolvedNotificationIsRecordedAndMarksTheIncidentResolved() {
    String id =
        t.parse(
                t.send(
                        "POST",
                        "/api/v1/alerts/alertmanager",
                        TestServer.RESPONDER,
                        alertmanager("firing", "fp-2", "2026-01-01T10:00:00Z"))
                    .body())
            .path("incidents")
            .get(0)
            .path("id")
            .asText();
    HttpResponse<String> r =
        t.send(
            "POST",
            "/api/v1/alerts/alertmanager",
            TestServer.RESPONDER,
            alertmanager("resolved", "fp-2", "2026-01-01T10:00:00Z"));

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(t.getJson("/api/v1/incidents/" + id).path("alertStatus").asText())
        .isEqualTo("resolved");
    assertThat(t.server.incidents().notifications("fp-2")).containsExactly("firing", "resolved");
    assertThat(t.getJson("/api/v1/incidents")).hasSize(1);
  }

  @Test
  void malformedAlertmanagerPayloadIsRejectedNamingTheFieldPointer() {
    String body =
        """
        {"alerts":[{"status":"firing","labels":{"alertname":"A"},"startsAt":"2026-01-01T10:00:00Z"},
                   {"status":"firing","labels":{"alertname":"B"},"startsAt":"yesterday"}]}
        """;
    HttpResponse<String> r =
        t.send("POST", "/api/v1/alerts/alertmanager", TestServer.RESPONDER, body);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(t.parse(r.body()).path("detail").asText()).startsWith("body#/alerts/1/startsAt");
    assertThat(t.getJson("/api/v1/incidents")).isEmpty();
  }

  @Test
  void notJsonAndMissingFieldsAre400s() {
    assertThat(t.send("POST", "/api/v1/alerts/generic", TestServer.RESPONDER, "{oops").statusCode())
        .isEqualTo(400);
    HttpResponse<String> r =
        t.send(
            "POST",
            "/api/v1/alerts/generic",
            TestServer.RESPONDER,
            "{\"startsAt\":\"2026-01-01T10:00:00Z\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("body#/title");
    HttpResponse<String> og =
        t.send(
            "POST",
            "/api/v1/alerts/opsgenie",
            TestServer.RESPONDER,
            "{\"action\":\"Create\",\"alert\":{\"alias\":\"x\",\"message\":\"m\"}}");
    assertThat(og.statusCode()).isEqualTo(400);
    assertThat(og.body()).contains("body#/alert/createdAt");
    assertThat(t.send("POST", "/api/v1/alerts/nagios", TestServer.RESPONDER, "{}").statusCode())
        .isEqualTo(404);
  }

  @Test
  void opsgeniePagerDutyAndGenericWebhooksOpenIncidents() {
    String og =
        """
        {"action":"Create","alert":{"alertId":"a1","alias":"og-1","message":"db down",
         "createdAt":1767261600000,"priority":"P1","details":{"service":"db"}}}""";
    String gen =
        """
        {"title":"error rate high","service":"api","startsAt":"2026-01-01T10:00:00Z","labels":{"env":"prod"}}""";
    String pd =
        """
        {"event":{"id":"e1","event_type":"incident.triggered","occurred_at":"2026-01-01T10:00:00Z",
          "data":{"id":"PD1","type":"incident","title":"payments slow","status":"triggered",
            "created_at":"2026-01-01T10:00:00Z","service":{"summary":"payments"}}}}""";
    for (var e : Map.of("opsgenie", og, "generic", gen, "pagerduty", pd).entrySet()) {
      HttpResponse<String> r =
          t.send("POST", "/api/v1/alerts/" + e.getKey(), TestServer.RESPONDER, e.getValue());
      assertThat(r.statusCode()).as(e.getKey() + ": " + r.body()).isEqualTo(202);
    }
    JsonNode list = t.getJson("/api/v1/incidents");
    assertThat(list).hasSize(3);
    assertThat(
            java.util.stream.StreamSupport.stream(list.spliterator(), false)
                .map(n -> n.path("source").asText())
                .toList())
        .containsExactlyInAnyOrder("opsgenie", "generic", "pagerduty");
    JsonNode closed =
        t.parse(
            t.send(
                    "POST",
                    "/api/v1/alerts/opsgenie",
                    TestServer.RESPONDER,
                    og.replace("Create", "Close"))
                .body());
    assertThat(closed.path("incidents").get(0).path("alertStatus").asText()).isEqualTo("resolved");
  }
}

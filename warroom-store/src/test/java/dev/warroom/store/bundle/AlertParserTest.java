package dev.warroom.store.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.Alert;
import dev.warroom.model.AlertSource;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertParserTest {
  private static Alert parse(String json) {
    return AlertParser.parse(json.getBytes(StandardCharsets.UTF_8), "alert.json");
  }

  @Test
  void readsAPagerDutyV3WebhookAndWritesItBackEqual() {
    Alert a =
        parse(
            """
            {"event": {"id": "01DEN", "event_type": "incident.resolved", "resource_type": "incident",
              "occurred_at": "2024-05-01T12:30:00Z",
              "data": {"id": "PGR0VU2", "type": "incident", "title": "Checkout latency high",
                "status": "resolved", "incident_key": "checkout-latency", "created_at": "2024-05-01T12:05:30Z",
                "urgency": "high", "html_url": "https://acme.pagerduty.com/incidents/PGR0VU2",
                "service": {"id": "PF9KMXH", "summary": "checkout", "type": "service_reference"},
                "priority": {"summary": "P1"}}}}
            """);
    assertThat(a.source()).isEqualTo(AlertSource.PAGERDUTY);
    assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(a.fingerprint()).isEqualTo("checkout-latency");
    assertThat(a.service()).isEqualTo("checkout");
    assertThat(a.severity()).isEqualTo("P1");
    assertThat(a.endsAt()).isEqualTo(Instant.parse("2024-05-01T12:30:00Z"));
    assertThat(a.labels()).containsEntry("urgency", "high");
    assertThat(AlertParser.parse(AlertParser.toJson(a), "x")).isEqualTo(a);
    assertThat(AlertParser.toJson(a).has("event")).isTrue();
  }

  @Test
  void readsTheGenericFormAndKeepsItsSource() {
    Alert a =
        parse(
            """
            {"title": "disk full", "source": "opsgenie", "signal": "saturation", "service": "db",
             "severity": "critical", "startsAt": 1714564800, "labels": {"host": "db-1"}}
            """);
    assertThat(a.source()).isEqualTo(AlertSource.OPSGENIE);
    assertThat(a.startsAt()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(a.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(AlertParser.parse(AlertParser.toJson(a), "x")).isEqualTo(a);
  }

  @Test
  void alertmanagerFormRoundTripsAnAlertBuiltInCode() {
    Alert a =
        new Alert(
            "fp",
            AlertSource.ALERTMANAGER,
            AlertStatus.FIRING,
            "High latency",
            "latency",
            "cart",
            "warning",
            Map.of("alertname", "latency", "service", "cart"),
            Map.of("summary", "High latency"),
            Instant.parse("2024-05-01T12:00:00Z"),
            null);
    assertThat(AlertParser.parse(AlertParser.toJson(a), "x")).isEqualTo(a);
  }

  @Test
  void reportsEveryProblemOfTheGenericFormWithPointers() {
    assertThatThrownBy(() -> parse("{\"labels\": [1], \"startsAt\": \"never\"}"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "alert.json#/title: missing",
                        "alert.json#/labels: expected an object, got ARRAY",
                        "alert.json#/startsAt: not a timestamp: 'never' (expected RFC 3339 or epoch s/ms/us/ns)"));
  }

  @Test
  void syntaxErrorsNameLineAndColumn() {
    assertThatThrownBy(() -> parse("{\n  \"title\": }"))
        .hasMessageStartingWith("alert.json:2:12: invalid JSON: Unexpected character ('}'");
  }
}

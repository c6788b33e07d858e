package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.model.Alert;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 #1: one Alertmanager notification of a large outage carries thousands of alerts. Reading
 * them must be linear in the document: the old reader deep-copied the whole document once per alert
 * (2,000 alerts took 42 s). The bound here is generous (the linear reader takes well under a second
 * for 20,000 alerts; the quadratic one needed minutes).
 */
class AlertIntakeScaleTest {
  static String notification(int n) {
    StringBuilder b =
        new StringBuilder(
            "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"warroom\",\"groupLabels\":{},"
                + "\"commonLabels\":{\"severity\":\"critical\"},\"alerts\":[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(
          """
          {"status":"firing","fingerprint":"fp-%d","labels":{"alertname":"HighLatency",\
          "service":"svc-%d","severity":"critical","pod":"pod-%d"},\
          "annotations":{"summary":"latency above 2s on svc-%d"},\
          "startsAt":"2026-01-01T10:00:00Z","endsAt":"0001-01-01T00:00:00Z"}"""
              .formatted(i, i % 50, i, i % 50));
    }
    return b.append("]}").toString();
  }

  @Test
  void twentyThousandAlertsOfOneNotificationAreReadInLinearTime() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(notification(20_000));
    List<Alert> alerts =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> AlertIntake.alertmanager(doc));
    assertThat(alerts).hasSize(20_000);
    assertThat(alerts.get(19_999).fingerprint()).isEqualTo("fp-19999");
    assertThat(alerts.get(7).service()).isEqualTo("svc-7");
  }

  @Test
  void aBadAlertIsNamedByItsIndexInTheNotification() throws Exception {
    String body = notification(3);
    int last = body.lastIndexOf("2026-01-01T10:00:00Z");
    JsonNode doc =
        new ObjectMapper().readTree(body.substring(0, last) + "soon" + body.substring(last + 20));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertIntake.alertmanager(doc))
        .hasMessageContaining("#/alerts/2/startsAt");
  }
}

package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.gym.Episode;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: related alerts (same time window, connected services in the topology) are grouped into
 * one incident when {@code groupWindowMinutes} is set.
 */
class RelatedAlertsTest {
  @TempDir Path dir;

  static final Instant T = Instant.parse("2026-06-01T12:00:00Z");

  private static String alert(String fp, String service, Instant at, String status) {
    return "{\"title\":\""
        + service
        + " errors\",\"fingerprint\":\""
        + fp
        + "\",\"service\":\""
        + service
        + "\",\"status\":\""
        + status
        + "\",\"startsAt\":\""
        + at
        + "\"}";
  }

  private static JsonNode post(TestServer t, String body) {
    var r = t.send("POST", "/api/v1/alerts/generic", TestServer.RESPONDER, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return t.parse(r.body()).path("incidents").get(0);
  }

  /** A shop bundle (its topology is what matters) whose own alert is ten days earlier. */
  private Path shopBundle() throws Exception {
    Episode ep = new Gym().reset(3, Scenario.control(SystemCatalog.get("shop")));
    Path bundle = dir.resolve("shop");
    ep.write(bundle);
    Files.writeString(
        bundle.resolve("alert.json"),
        alert("old", "frontend", T.minus(Duration.ofDays(10)), "firing"));
    return bundle;
  }

  private static void upload(TestServer t, Path bundle) throws Exception {
    var up =
        t.send(
            "POST",
            "/api/v1/bundles",
            TestServer.RESPONDER,
            BundleUploadTest.zip(bundle),
            Map.of("Content-Type", "application/zip"));
    assertThat(up.statusCode()).as(up.body()).isEqualTo(202);
  }

  @Test
  void alertsOnConnectedServicesInOneWindowJoinOneIncident() throws Exception {
    Path bundle = shopBundle();
    ServerConfig c =
        TestServer.config(dir.resolve("data"))
            .withOptions(ServerConfig.Options.DEFAULT.withGroupWindow(Duration.ofMinutes(10)));
    try (TestServer t = new TestServer(c)) {
      upload(t, bundle);
      JsonNode a = post(t, alert("a", "checkout", T, "firing"));
      // checkout calls payment; two minutes later
      JsonNode b = post(t, alert("b", "payment", T.plusSeconds(120), "firing"));
      // ad is called by frontend only, not connected to checkout
      JsonNode cAlert = post(t, alert("c", "ad", T.plusSeconds(60), "firing"));
      // payment again, but two hours later: another incident
      JsonNode d = post(t, alert("d", "payment", T.plus(Duration.ofHours(2)), "firing"));
      JsonNode bAgain = post(t, alert("b", "payment", T.plusSeconds(120), "firing"));

      assertThat(a.path("created").asBoolean()).isTrue();
      assertThat(b.path("id").asText()).isEqualTo(a.path("id").asText());
      assertThat(b.path("created").asBoolean()).isFalse();
      assertThat(b.path("related").asBoolean()).isTrue();
      assertThat(cAlert.path("id").asText()).isNotEqualTo(a.path("id").asText());
      assertThat(cAlert.path("created").asBoolean()).isTrue();
      assertThat(d.path("id").asText()).isNotEqualTo(a.path("id").asText());
      assertThat(d.path("created").asBoolean()).isTrue();
      assertThat(bAgain.path("id").asText()).isEqualTo(a.path("id").asText());
      assertThat(bAgain.path("created").asBoolean()).isFalse();

      JsonNode incident = t.getJson("/api/v1/incidents/" + a.path("id").asText());
      assertThat(incident.path("relatedAlerts")).hasSize(1);
      assertThat(incident.path("relatedAlerts").get(0).path("service").asText())
          .isEqualTo("payment");
      // the old bundle incident, a, c, d: four incidents, b is not one of its own
      assertThat(t.getJson("/api/v1/incidents")).hasSize(4);

      // resolving the related alert does not resolve the incident it joined
      post(t, alert("b", "payment", T.plusSeconds(120), "resolved"));
      assertThat(
              t.getJson("/api/v1/incidents/" + a.path("id").asText()).path("alertStatus").asText())
          .isEqualTo("firing");
    }
  }

  @Test
  void withoutAGroupingWindowEveryAlertOpensItsOwnIncident() throws Exception {
    Path bundle = shopBundle();
    try (TestServer t = new TestServer(dir.resolve("data"))) {
      upload(t, bundle);
      JsonNode a = post(t, alert("a", "checkout", T, "firing"));
      JsonNode b = post(t, alert("b", "payment", T.plusSeconds(120), "firing"));
      assertThat(b.path("id").asText()).isNotEqualTo(a.path("id").asText());
      assertThat(b.path("created").asBoolean()).isTrue();
    }
    Path cfg = dir.resolve("server.json");
    Files.writeString(cfg, "{\"groupWindowMinutes\": 10}");
    assertThat(ServerConfig.load(cfg).options().groupWindow()).isEqualTo(Duration.ofMinutes(10));
    Files.writeString(cfg, "{\"groupWindowMinutes\": -1}");
    assertThatThrownBy(() -> ServerConfig.load(cfg))
        .hasMessageContaining("server.json#/groupWindowMinutes");
  }
}

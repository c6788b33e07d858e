package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.WarroomException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 #8: hardening of the service. */
class HardeningTest {
  @TempDir Path dir;

  @Test
  void everyErrorIsProblemJsonAndEveryResponseCarriesSecurityHeaders() {
    try (TestServer t = new TestServer(dir)) {
      HttpResponse<String> health = t.send("GET", "/health", null, null);
      HttpResponse<String> noRoute = t.send("GET", "/api/v1/nothing", TestServer.VIEWER, null);
      HttpResponse<String> noToken = t.send("GET", "/api/v1/incidents", null, null);
      HttpResponse<String> badJson =
          t.send("POST", "/api/v1/alerts/generic", TestServer.RESPONDER, "{\"title\": ");
      HttpResponse<String> badLimit =
          t.send("GET", "/api/v1/incidents?limit=abc", TestServer.VIEWER, null);
      for (HttpResponse<String> r :
          java.util.List.of(health, noRoute, noToken, badJson, badLimit)) {
        assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
            .contains("default-src 'self'")
            .contains("frame-ancestors 'none'");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      }
      for (HttpResponse<String> r : java.util.List.of(noRoute, noToken, badJson, badLimit)) {
        assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
        assertThat(r.headers().firstValue("Content-Type").orElse(""))
            .as(r.uri().toString())
            .startsWith("application/problem+json");
        JsonNode p = t.parse(r.body());
        assertThat(p.path("status").asInt()).isEqualTo(r.statusCode());
        assertThat(p.path("title").asText()).isNotBlank();
        assertThat(p.path("detail").asText()).isNotBlank();
      }
      // the parser's own words ("Unexpected end-of-input ...") are not echoed
      assertThat(t.parse(badJson.body()).path("detail").asText())
          .startsWith("body#: not JSON at line 1")
          .doesNotContain("Unexpected")
          .doesNotContain("Exception");
    }
  }

  @Test
  void unknownConfigKeysAreErrorsWithTheirPath() throws Exception {
    Path cfg = dir.resolve("server.json");
    Files.writeString(
        cfg,
        """
        {"port": 0, "tokkens": [], "database": {"url": "jdbc:h2:mem:x", "usr": "a"},
         "tokens": [{"token": "long-enough-1", "role": "viewer", "rol": "admin"}]}""");
    assertThatThrownBy(() -> ServerConfig.load(cfg, k -> null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(String.join("\n", e.problems()))
                    .contains(cfg + "#/tokkens: unknown key")
                    .contains(cfg + "#/database/usr: unknown key")
                    .contains(cfg + "#/tokens/0/rol: unknown key"));
  }

  @Test
  void portInUseFailsBeforeAnyDataFileIsCreated() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      Path data = dir.resolve("data");
      ServerConfig c = TestServer.config(data).withPort(taken.getLocalPort());
      assertThatThrownBy(() -> new TestServer(c))
          .isInstanceOf(WarroomException.NonRetriable.class)
          .hasMessageContaining("port " + taken.getLocalPort() + " is already in use");
      assertThat(data).doesNotExist();
    }
  }

  @Test
  void databaseDriverMessagesNeverShowTheUrlQueryOrPassword() {
    DatabaseConfig db =
        new DatabaseConfig(
            "jdbc:postgresql://localhost:1/warroom?password=hunter22&ssl=true", "u", "pw-secret-9");
    assertThatThrownBy(() -> IncidentRepository.open(db))
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("hunter22")
                    .doesNotContain("pw-secret-9")
                    .doesNotContain("ssl=true"));
    assertThat(
            db.scrub(
                "No suitable driver for jdbc:postgresql://localhost:1/warroom?password=hunter22&ssl=true;"
                    + " auth pw-secret-9"))
        .doesNotContain("hunter22")
        .doesNotContain("pw-secret-9");
  }

  @Test
  void slackTextFromAlertsCannotPingChannelsOrForgeLinks() {
    Incident i =
        new Incident(
            "inc-1",
            "k",
            "fp",
            "generic",
            "<!channel> disk full <https://evil.example|click here> & more",
            null,
            "firing",
            IncidentState.DONE,
            "{}",
            Instant.EPOCH,
            Instant.EPOCH,
            "root_cause_found",
            "see <!here>",
            null);
    String text = SlackNotifier.text(i);
    assertThat(text)
        .doesNotContain("<!channel>")
        .doesNotContain("<!here>")
        .doesNotContain("<https://")
        .contains("&lt;!channel&gt;")
        .contains("&amp; more");
  }

  @Test
  void resolveMatchesFingerprintAndStartTimeAndOpsgenieNegativeTimesAreRefused() {
    try (TestServer t = new TestServer(dir)) {
      String first =
          t.parse(
                  t.send(
                          "POST",
                          "/api/v1/alerts/alertmanager",
                          TestServer.RESPONDER,
                          AlertWebhookTest.alertmanager("firing", "fp-r", "2026-01-01T10:00:00Z"))
                      .body())
              .path("incidents")
              .get(0)
              .path("id")
              .asText();
      String second =
          t.parse(
                  t.send(
                          "POST",
                          "/api/v1/alerts/alertmanager",
                          TestServer.RESPONDER,
                          AlertWebhookTest.alertmanager("firing", "fp-r", "2026-01-02T10:00:00Z"))
                      .body())
              .path("incidents")
              .get(0)
              .path("id")
              .asText();
      t.send(
          "POST",
          "/api/v1/alerts/alertmanager",
          TestServer.RESPONDER,
          AlertWebhookTest.alertmanager("resolved", "fp-r", "2026-01-02T10:00:00Z"));
      assertThat(t.getJson("/api/v1/incidents/" + second).path("alertStatus").asText())
          .isEqualTo("resolved");
      assertThat(t.getJson("/api/v1/incidents/" + first).path("alertStatus").asText())
          .as("another firing episode of the same fingerprint stays firing")
          .isEqualTo("firing");

      var og =
          t.send(
              "POST",
              "/api/v1/alerts/opsgenie",
              TestServer.RESPONDER,
              "{\"action\":\"Create\",\"alert\":{\"alias\":\"x\",\"message\":\"m\",\"createdAt\":-5}}");
      assertThat(og.statusCode()).isEqualTo(400);
      assertThat(t.parse(og.body()).path("detail").asText()).contains("body#/alert/createdAt");
    }
  }
}

package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthTest {
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

  @Test
  void onlyHealthIsOpen() {
    assertThat(t.send("GET", "/health", null, null).statusCode()).isEqualTo(200);
    for (String route : t.server.routes()) {
      String[] mp = route.split(" ");
      if (mp[1].equals("/health") || mp[1].equals("/ui/login")) {
        continue;
      }
      String path = mp[1].replace("{kind}", "generic").replace("{id}", "inc-x");
      if (path.startsWith("/ui")) {
        var r = t.send(mp[0], path, null, null);
        assertThat(r.statusCode()).as(route).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).as(route).hasValue("/ui/login");
        continue;
      }
      assertThat(t.send(mp[0], path, null, "{}").statusCode()).as(route).isEqualTo(401);
      assertThat(t.send(mp[0], path, "not-a-token-at-all", "{}").statusCode())
          .as(route)
          .isEqualTo(401);
    }
  }

  @Test
  void viewerReadsButMayNotPostAlertsOrFeedback() {
    assertThat(t.send("GET", "/api/v1/incidents", TestServer.VIEWER, null).statusCode())
        .isEqualTo(200);
    assertThat(t.send("POST", "/api/v1/alerts/generic", TestServer.VIEWER, "{}").statusCode())
        .isEqualTo(403);
    assertThat(t.send("POST", "/api/v1/incidents/x/feedback", TestServer.VIEWER, "{}").statusCode())
        .isEqualTo(403);
    assertThat(t.send("POST", "/api/v1/alerts/generic", TestServer.ADMIN, "{}").statusCode())
        .isEqualTo(400);
  }

  @Test
  void webhookAcceptsTheSharedSecretInsteadOfAToken() {
    String body = "{\"title\":\"t\",\"startsAt\":\"2026-01-01T10:00:00Z\"}";
    var ok =
        t.send(
            "POST",
            "/api/v1/alerts/generic",
            null,
            body.getBytes(),
            Map.of("X-Warroom-Secret", TestServer.SECRET));
    var wrong =
        t.send(
            "POST",
            "/api/v1/alerts/generic",
            null,
            body.getBytes(),
            Map.of("X-Warroom-Secret", "guess"));
    assertThat(ok.statusCode()).isEqualTo(202);
    assertThat(wrong.statusCode()).isEqualTo(401);
    // The secret opens webhooks only, not the API.
    var api =
        t.send(
            "GET", "/api/v1/incidents", null, null, Map.of("X-Warroom-Secret", TestServer.SECRET));
    assertThat(api.statusCode()).isEqualTo(401);
  }

  @Test
  void secretsNeverAppearInResponsesLogsOrReports() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true));
    String body;
    try {
      var r =
          t.send(
              "POST",
              "/api/v1/alerts/generic",
              TestServer.RESPONDER,
              "{\"title\":\"t\",\"startsAt\":\"2026-01-01T10:00:00Z\"}");
      String id = t.parse(r.body()).path("incidents").get(0).path("id").asText();
      t.awaitFinished(id);
      body =
          r.body()
              + t.send(
                      "GET",
                      "/api/v1/incidents/" + id + "/report?format=md",
                      TestServer.VIEWER,
                      null)
                  .body()
              + t.send("GET", "/api/v1/incidents", TestServer.ADMIN + "x", null).body()
              + t.send("GET", "/metrics", TestServer.VIEWER, null).body()
              + t.server.toString()
              + TestServer.config(dir);
    } finally {
      System.setErr(err);
    }
    String all = body + captured;
    for (String secret :
        new String[] {
          TestServer.ADMIN, TestServer.RESPONDER, TestServer.VIEWER, TestServer.SECRET
        }) {
      assertThat(all).doesNotContain(secret);
    }
  }
}

package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: feedback records who gave it, in the API and on the incident page. */
class FeedbackAuthorTest {
  @TempDir Path dir;

  @Test
  void feedbackNamesTheTokenOrSessionThatGaveItAndOnlyRespondersGetTheButtons() {
    ServerConfig c =
        TestServer.config(dir)
            .withOptions(
                ServerConfig.Options.DEFAULT.withTokenNames(
                    Map.of(TestServer.RESPONDER, "alice (on call)")));
    try (TestServer t = new TestServer(c)) {
      var posted =
          t.send(
              "POST",
              "/api/v1/alerts/generic",
              TestServer.RESPONDER,
              "{\"title\":\"cart errors\",\"service\":\"cart\",\"startsAt\":\"2026-01-01T10:00:00Z\"}");
      String id = t.parse(posted.body()).path("incidents").get(0).path("id").asText();
      String path = "/api/v1/incidents/" + id + "/feedback";

      assertThat(t.send("POST", path, TestServer.RESPONDER, "{\"correct\":true}").statusCode())
          .isEqualTo(201);
      assertThat(
              t.send(
                      "POST",
                      path,
                      TestServer.ADMIN,
                      "{\"correct\":false,\"trueRootCause\":\"disk full on node-3\"}")
                  .statusCode())
          .isEqualTo(201);
      TestServer.Session s = t.signIn(TestServer.RESPONDER);
      var bySession =
          t.send(
              "POST",
              path,
              null,
              "{\"correct\":true,\"comment\":\"agreed\"}".getBytes(),
              Map.of(
                  "Cookie",
                  s.cookie(),
                  "Content-Type",
                  "application/json",
                  "X-CSRF-Token",
                  s.csrf()));
      assertThat(bySession.statusCode()).as(bySession.body()).isEqualTo(201);
      assertThat(t.parse(bySession.body()).path("givenBy").asText()).isEqualTo("alice (on call)");

      JsonNode saved = t.getJson(path);
      assertThat(saved).hasSize(3);
      assertThat(saved.get(0).path("givenBy").asText()).isEqualTo("alice (on call)");
      String admin = saved.get(1).path("givenBy").asText();
      assertThat(admin).startsWith("admin token ").doesNotContain(TestServer.ADMIN);
      assertThat(admin.substring("admin token ".length())).hasSize(8);
      assertThat(saved.get(2).path("givenBy").asText()).isEqualTo("alice (on call)");

      String page = t.send("GET", "/ui/incidents/" + id, null, null, s.headers()).body();
      assertThat(page)
          .contains("by <span class=given-by>alice (on call)</span>")
          .contains("by <span class=given-by>" + admin + "</span>")
          .contains("true root cause: disk full on node-3")
          .contains("id=wrong");

      TestServer.Session viewer = t.signIn(TestServer.VIEWER);
      String viewerPage = t.send("GET", "/ui/incidents/" + id, null, null, viewer.headers()).body();
      assertThat(viewerPage)
          .contains("alice (on call)")
          .doesNotContain("id=wrong")
          .doesNotContain("id=right")
          .contains("may not give feedback");
    }
  }
}

package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiPagesTest {
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
  void signedInResponderSeesTheIncidentItsReportAndSavesFeedbackWithTheCookie() {
    var posted =
        t.send(
            "POST",
            "/api/v1/alerts/generic",
            TestServer.RESPONDER,
            "{\"title\":\"<b>cart</b> errors\",\"service\":\"cart\",\"startsAt\":\"2026-01-01T10:00:00Z\"}");
    String id = t.parse(posted.body()).path("incidents").get(0).path("id").asText();
    t.awaitFinished(id);

    var bad =
        t.send(
            "POST",
            "/ui/login",
            null,
            "token=nope".getBytes(),
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    var login =
        t.send(
            "POST",
            "/ui/login",
            null,
            ("token=" + TestServer.RESPONDER).getBytes(),
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(login.statusCode()).isEqualTo(302);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    assertThat(login.headers().firstValue("Set-Cookie").orElseThrow())
        .contains("HttpOnly", "SameSite=Strict");
    Map<String, String> session = Map.of("Cookie", cookie);

    String list = t.send("GET", "/ui", null, null, session).body();
    assertThat(list)
        .contains(id)
        .contains("&lt;b&gt;cart&lt;/b&gt; errors")
        .doesNotContain("<b>cart</b>")
        .contains(">done<");
    String page = t.send("GET", "/ui/incidents/" + id, null, null, session).body();
    assertThat(page).contains("<iframe id=report").contains("srcdoc=\"&lt;!").contains("id=wrong");

    var fb =
        t.send(
            "POST",
            "/api/v1/incidents/" + id + "/feedback",
            null,
            "{\"correct\":true}".getBytes(),
            Map.of("Cookie", cookie, "Content-Type", "application/json"));
    assertThat(fb.statusCode()).isEqualTo(201);
    assertThat(t.send("GET", "/ui/incidents/" + id, null, null, session).body())
        .contains("feedback saved (1)");
  }
}

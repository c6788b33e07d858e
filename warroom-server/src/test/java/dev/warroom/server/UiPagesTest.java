package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
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

    var form = t.send("GET", "/ui/login", null, null);
    String loginCookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("name=csrf value=\"([^\"]+)\"").matcher(form.body());
    assertThat(m.find()).isTrue();
    String csrfField = m.group(1);
    Map<String, String> formHeaders =
        Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", loginCookie);
    var forged =
        t.send(
            "POST",
            "/ui/login",
            null,
            ("token=" + TestServer.RESPONDER).getBytes(),
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    var bad =
        t.send(
            "POST",
            "/ui/login",
            null,
            ("csrf=" + csrfField + "&token=nope").getBytes(),
            formHeaders);
    var login =
        t.send(
            "POST",
            "/ui/login",
            null,
            ("csrf=" + csrfField + "&token=" + TestServer.RESPONDER).getBytes(),
            formHeaders);
    assertThat(forged.statusCode()).as("login without the form's CSRF token").isEqualTo(403);
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(login.statusCode()).isEqualTo(302);
    List<String> cookies = login.headers().allValues("Set-Cookie");
    String sessionCookie =
        cookies.stream().filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
    String cookie = sessionCookie.split(";")[0];
    String csrf =
        cookies.stream()
            .filter(c -> c.startsWith(Sessions.CSRF_COOKIE + "="))
            .findFirst()
            .orElseThrow()
            .split(";")[0]
            .substring(Sessions.CSRF_COOKIE.length() + 1);
    assertThat(sessionCookie).contains("HttpOnly", "Secure", "SameSite=Strict");
    assertThat(cookie).doesNotContain(TestServer.RESPONDER);
    Map<String, String> session = Map.of("Cookie", cookie);

    String list = t.send("GET", "/ui", null, null, session).body();
    assertThat(list)
        .contains(id)
        .contains("&lt;b&gt;cart&lt;/b&gt; errors")
        .doesNotContain("<b>cart</b>")
        .contains(">done<");
    String page = t.send("GET", "/ui/incidents/" + id, null, null, session).body();
    assertThat(page)
        .doesNotContain("<iframe")
        .contains("id=verdict-word")
        .contains("id=top-candidate")
        .contains("id=rerun")
        .contains("id=wrong");

    var noCsrf =
        t.send(
            "POST",
            "/api/v1/incidents/" + id + "/feedback",
            null,
            "{\"correct\":true}".getBytes(),
            Map.of("Cookie", cookie, "Content-Type", "application/json"));
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    var fb =
        t.send(
            "POST",
            "/api/v1/incidents/" + id + "/feedback",
            null,
            "{\"correct\":true}".getBytes(),
            Map.of("Cookie", cookie, "Content-Type", "application/json", "X-CSRF-Token", csrf));
    assertThat(fb.statusCode()).isEqualTo(201);
    assertThat(t.send("GET", "/ui/incidents/" + id, null, null, session).body())
        .contains("feedback saved (1)");

    var logout =
        t.send(
            "POST",
            "/ui/logout",
            null,
            ("csrf=" + csrf).getBytes(),
            Map.of("Cookie", cookie, "Content-Type", "application/x-www-form-urlencoded"));
    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(t.send("GET", "/ui", null, null, session).statusCode())
        .as("the session ended: back to the login page")
        .isEqualTo(302);
  }
}

package dev.warroom.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.engine.director.Director;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/** A real server on a free port with three tokens, and a small HTTP client for tests. */
final class TestServer implements AutoCloseable {
  static final String ADMIN = "admin-token-0001";
  static final String RESPONDER = "responder-token-0002";
  static final String VIEWER = "viewer-token-0003";
  static final String SECRET = "webhook-secret-0004";

  final WarroomServer server;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  TestServer(Path dataDir) {
    this(config(dataDir));
  }

  TestServer(ServerConfig config) {
    this(config, InstantSource.system());
  }

  TestServer(ServerConfig config, InstantSource clock) {
    this.server = WarroomServer.start(config, Director.standard(), clock);
  }

  static ServerConfig config(Path dataDir) {
    return new ServerConfig(
        0,
        dataDir,
        2,
        100,
        Map.of(ADMIN, Role.ADMIN, RESPONDER, Role.RESPONDER, VIEWER, Role.VIEWER),
        SECRET,
        null);
  }

  HttpResponse<String> send(String method, String path, String token, String body) {
    return send(method, path, token, body == null ? null : body.getBytes(), Map.of());
  }

  HttpResponse<String> send(
      String method, String path, String token, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    headers.forEach(b::header);
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A signed-in UI session: the cookie header value and the CSRF token to echo. */
  record Session(String cookie, String csrf) {
    Map<String, String> headers() {
      return Map.of("Cookie", cookie);
    }
  }

  /** Signs in through the login form with {@code token}. */
  Session signIn(String token) {
    var form = send("GET", "/ui/login", null, null);
    String loginCookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("name=csrf value=\"([^\"]+)\"").matcher(form.body());
    if (!m.find()) {
      throw new AssertionError("no CSRF field in the login form");
    }
    var login =
        send(
            "POST",
            "/ui/login",
            null,
            ("csrf=" + m.group(1) + "&token=" + token).getBytes(),
            Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", loginCookie));
    if (login.statusCode() != 302) {
      throw new AssertionError("login -> " + login.statusCode());
    }
    String cookie = null;
    String csrf = null;
    for (String c : login.headers().allValues("Set-Cookie")) {
      String pair = c.split(";")[0];
      if (pair.startsWith(Sessions.COOKIE + "=")) {
        cookie = pair;
      } else if (pair.startsWith(Sessions.CSRF_COOKIE + "=")) {
        csrf = pair.substring(Sessions.CSRF_COOKIE.length() + 1);
      }
    }
    return new Session(cookie, csrf);
  }

  JsonNode getJson(String path) {
    HttpResponse<String> r = send("GET", path, VIEWER, null);
    if (r.statusCode() != 200) {
      throw new AssertionError(path + " -> " + r.statusCode() + " " + r.body());
    }
    return parse(r.body());
  }

  JsonNode parse(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  /** Polls until the incident leaves queued/running; fails after 60 s. */
  JsonNode awaitFinished(String id) {
    return awaitFinished(id, Duration.ofSeconds(60));
  }

  /** Polls until the incident leaves queued/running; fails after {@code limit}. */
  JsonNode awaitFinished(String id, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode n = getJson("/api/v1/incidents/" + id);
      String s = n.path("state").asText();
      if (s.equals("done") || s.equals("failed")) {
        return n;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("incident " + id + " not finished in " + limit);
  }

  @Override
  public void close() {
    server.close();
  }
}

package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 #4: incidents a dead process left RUNNING are investigated, and posted to Slack, once
 * after restart (recovery used to queue them as RUNNING and again as QUEUED).
 */
class RecoveryRunsOnceTest {
  @TempDir Path dir;

  @Test
  void incidentsLeftRunningAreInvestigatedAndPostedOnceAfterRestart() throws Exception {
    Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
    Pattern id = Pattern.compile("incident `([^`]+)`");
    HttpServer slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slack.createContext(
        "/hook",
        ex -> {
          String text =
              new ObjectMapper().readTree(ex.getRequestBody().readAllBytes()).path("text").asText();
          Matcher m = id.matcher(text);
          if (m.find()) {
            posts.computeIfAbsent(m.group(1), k -> new AtomicInteger()).incrementAndGet();
          }
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    slack.start();
    int n = 6;
    try {
      Instant now = Instant.now();
      try (IncidentRepository repo = IncidentRepository.open(DatabaseConfig.embedded(dir))) {
        for (int i = 0; i < n; i++) {
          String key = "left-" + i;
          repo.insertIfAbsent(
              new Incident(
                  key,
                  key + "@1",
                  key,
                  "generic",
                  "left running " + i,
                  null,
                  "firing",
                  IncidentState.RUNNING,
                  "{\"title\":\"left\",\"startsAt\":\"2026-01-01T10:00:00Z\",\"fingerprint\":\""
                      + key
                      + "\"}",
                  now,
                  now,
                  null,
                  null,
                  null));
        }
      }
      ServerConfig c =
          new ServerConfig(
              0,
              dir,
              4,
              100,
              Map.of(TestServer.VIEWER, Role.VIEWER),
              null,
              URI.create("http://127.0.0.1:" + slack.getAddress().getPort() + "/hook"));
      try (TestServer t = new TestServer(c)) {
        for (int i = 0; i < n; i++) {
          assertThat(t.awaitFinished("left-" + i).path("state").asText()).isEqualTo("done");
        }
        // Give a second run, if any, time to finish and post.
        long quiet = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < quiet) {
          Thread.sleep(100);
        }
      }
    } finally {
      slack.stop(0);
    }
    assertThat(posts).hasSize(n);
    assertThat(posts.values()).allSatisfy(v -> assertThat(v.get()).isEqualTo(1));
  }
}

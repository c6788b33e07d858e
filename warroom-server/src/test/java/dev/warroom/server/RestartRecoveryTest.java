package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartRecoveryTest {
  @TempDir Path dir;

  @Test
  void investigationsQueuedWhenTheProcessIsKilledFinishAfterRestart() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ChildServer.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    List<String> ids = new ArrayList<>();
    try {
      Path portFile = dir.resolve("port");
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!Files.exists(portFile) || Files.readString(portFile).isBlank()) {
        assertThat(child.isAlive()).as("child server died: see child.log").isTrue();
        assertThat(System.nanoTime()).as("child server did not start").isLessThan(deadline);
        Thread.sleep(50);
      }
      int port = Integer.parseInt(Files.readString(portFile).trim());
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 20; i++) {
        String body =
            "{\"title\":\"alert %d\",\"service\":\"svc\",\"startsAt\":\"2026-01-01T10:00:00Z\",\"fingerprint\":\"fp-%d\"}"
                .formatted(i, i);
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/alerts/generic"))
                    .header("Authorization", "Bearer " + TestServer.RESPONDER)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        ids.add(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.body())
                .path("incidents")
                .get(0)
                .path("id")
                .asText());
      }
    } finally {
      child.destroyForcibly().waitFor();
    }
    long unfinished;
    try (IncidentRepository repo = IncidentRepository.open(DatabaseConfig.embedded(dir))) {
      unfinished =
          ids.stream()
              .filter(id -> repo.get(id).orElseThrow().state() != IncidentState.DONE)
              .count();
    }
    // One worker cannot have investigated 20 alerts in the moment between the last 202 and the
    // kill.
    assertThat(unfinished).isPositive();

    try (TestServer t = new TestServer(dir)) {
      for (String id : ids) {
        assertThat(t.awaitFinished(id).path("state").asText()).as(id).isEqualTo("done");
      }
      assertThat(t.getJson("/api/v1/incidents")).hasSize(20);
    }
  }
}

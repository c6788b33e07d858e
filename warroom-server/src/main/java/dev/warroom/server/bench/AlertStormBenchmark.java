package dev.warroom.server.bench;

import dev.warroom.engine.director.Director;
import dev.warroom.server.Incident;
import dev.warroom.server.IncidentState;
import dev.warroom.server.Role;
import dev.warroom.server.ServerConfig;
import dev.warroom.server.WarroomServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Benchmark: N distinct alerts posted at once to a fresh server; measures the time until every
 * incident has a report, and checks none was lost (all N DONE). Also times the HTML report fetch.
 *
 * <pre>java -cp ... dev.warroom.server.bench.AlertStormBenchmark [alerts=50] [rounds=3] [workers=2]
 * </pre>
 */
public final class AlertStormBenchmark {
  private static final String TOKEN = "bench-token-0001";

  private AlertStormBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int workers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    double[] seconds = new double[rounds];
    double[] reportMs = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      Path dir = Files.createTempDirectory("warroom-bench");
      ServerConfig c =
          new ServerConfig(0, dir, workers, 10_000, Map.of(TOKEN, Role.ADMIN), null, null);
      try (WarroomServer s = WarroomServer.start(c, Director.standard(), InstantSource.system())) {
        HttpClient http = HttpClient.newHttpClient();
        long t0 = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          String body =
              "{\"title\":\"alert %d\",\"service\":\"svc-%d\",\"startsAt\":\"2026-01-01T10:00:00Z\",\"fingerprint\":\"b-%d\"}"
                  .formatted(i, i % 7, i);
          sent.add(http.sendAsync(post(s.port(), body), HttpResponse.BodyHandlers.ofString()));
        }
        for (var f : sent) {
          if (f.get().statusCode() != 202) {
            throw new IllegalStateException("alert refused: " + f.get().body());
          }
        }
        List<Incident> all;
        while (true) {
          all = s.incidents().list(n + 1);
          if (all.stream()
              .allMatch(
                  i -> i.state() == IncidentState.DONE || i.state() == IncidentState.FAILED)) {
            break;
          }
          Thread.sleep(20);
        }
        seconds[r] = (System.nanoTime() - t0) / 1e9;
        long done = all.stream().filter(i -> i.state() == IncidentState.DONE).count();
        if (all.size() != n || done != n) {
          throw new IllegalStateException(
              "lost or failed: " + all.size() + " incidents, " + done + " done of " + n);
        }
        String id = all.getFirst().id();
        long t1 = System.nanoTime();
        int fetches = 20;
        for (int k = 0; k < fetches; k++) {
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://localhost:"
                              + s.port()
                              + "/api/v1/incidents/"
                              + id
                              + "/report?format=html"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
        }
        reportMs[r] = (System.nanoTime() - t1) / 1e6 / fetches;
        System.out.printf(
            "round %d: %d alerts investigated in %.2f s (%d done, 0 lost); HTML report %.2f ms%n",
            r + 1, n, seconds[r], done, reportMs[r]);
      }
    }
    Arrays.sort(seconds);
    Arrays.sort(reportMs);
    System.out.printf(
        "median: %d alerts all investigated in %.2f s with %d workers; HTML report fetch %.2f ms%n",
        n, seconds[rounds / 2], workers, reportMs[rounds / 2]);
  }

  private static HttpRequest post(int port, String body) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/alerts/generic"))
        .header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}

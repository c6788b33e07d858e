package dev.warroom.server.bench;

import com.google.protobuf.Message;
import dev.warroom.engine.director.Director;
import dev.warroom.model.Alert;
import dev.warroom.model.IncidentBundle;
import dev.warroom.server.Incident;
import dev.warroom.server.IncidentState;
import dev.warroom.server.OtlpRequests;
import dev.warroom.server.Role;
import dev.warroom.server.ServerConfig;
import dev.warroom.server.WarroomServer;
import dev.warroom.store.bundle.AlertParser;
import dev.warroom.store.bundle.BundleReader;
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
 * Benchmark: an alert storm over a populated telemetry store. Each round starts a fresh server,
 * sends the telemetry of the given bundles (gym episodes: {@code warroom gym run}) over OTLP/HTTP
 * protobuf, then posts N Alertmanager notifications at once, the bundles' alerts in turn, each with
 * its own fingerprint, so every one opens an incident whose investigation reads the stored
 * telemetry. Measures the time until all N have a report and checks none was lost (all DONE). Then
 * fetches the incident page ({@code /ui/incidents/ID}, charts and report) and the HTML report of
 * every incident and prints the median latency. Without bundles the store stays empty.
 *
 * <pre>
 * java -cp ... dev.warroom.server.bench.AlertStormBenchmark ALERTS ROUNDS WORKERS [BUNDLE_DIR...]
 * </pre>
 */
public final class AlertStormBenchmark {
  private static final String TOKEN = "bench-token-0001";

  private AlertStormBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int workers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    List<IncidentBundle> bundles = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      bundles.add(BundleReader.read(Path.of(args[i])));
    }
    double[] seconds = new double[rounds];
    double[] pageMs = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      Path dir = Files.createTempDirectory("warroom-bench");
      ServerConfig c =
          new ServerConfig(0, dir, workers, 10_000, Map.of(TOKEN, Role.ADMIN), null, null);
      try (WarroomServer s = WarroomServer.start(c, Director.standard(), InstantSource.system())) {
        HttpClient http = HttpClient.newHttpClient();
        long ti = System.nanoTime();
        for (IncidentBundle b : bundles) {
          send(http, s.port(), "/v1/logs", OtlpRequests.logs(b.logs(), 5000));
          send(http, s.port(), "/v1/traces", OtlpRequests.spans(b.spans(), 5000));
          send(http, s.port(), "/v1/metrics", OtlpRequests.metrics(b.metrics(), 50_000));
        }
        var summary = s.telemetrySummary();
        System.out.printf(
            "round %d: store populated over OTLP in %.1f s: %d log records, %d spans%n",
            r + 1, (System.nanoTime() - ti) / 1e9, summary.logRecords(), summary.spans());

        long t0 = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          sent.add(
              http.sendAsync(
                  request(s.port(), "/api/v1/alerts/alertmanager")
                      .POST(HttpRequest.BodyPublishers.ofString(alert(bundles, i)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
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
          Thread.sleep(50);
        }
        seconds[r] = (System.nanoTime() - t0) / 1e9;
        long done = all.stream().filter(i -> i.state() == IncidentState.DONE).count();
        if (all.size() != n || done != n) {
          throw new IllegalStateException(
              "lost or failed: " + all.size() + " incidents, " + done + " done of " + n);
        }
        pageMs[r] = medianPageMs(http, s.port(), all);
        System.out.printf(
            "round %d: %d alerts investigated in %.1f s (%d done, 0 lost); incident page and"
                + " HTML report median %.1f ms%n",
            r + 1, n, seconds[r], done, pageMs[r]);
      }
    }
    Arrays.sort(seconds);
    Arrays.sort(pageMs);
    System.out.printf(
        "median: %d alerts all investigated in %.1f s with %d workers over %d bundles;"
            + " report page %.1f ms%n",
        n, seconds[rounds / 2], workers, bundles.size(), pageMs[rounds / 2]);
  }

  /** The i-th alert of the storm: bundle i mod k's alert under its own fingerprint. */
  private static String alert(List<IncidentBundle> bundles, int i) {
    if (bundles.isEmpty() || bundles.get(i % bundles.size()).alert() == null) {
      return "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\","
          + "\"fingerprint\":\"storm-%d\",\"labels\":{\"alertname\":\"HighErrorRate\",\"service\":\"svc-%d\"},"
              .formatted(i, i % 7)
          + "\"annotations\":{\"summary\":\"alert %d\"},\"startsAt\":\"2026-01-01T10:00:00Z\"}]}"
              .formatted(i);
    }
    Alert a = bundles.get(i % bundles.size()).alert();
    Alert mine =
        new Alert(
            a.fingerprint() + "-" + i,
            a.source(),
            a.status(),
            a.title(),
            a.signal(),
            a.service(),
            a.severity(),
            a.labels(),
            a.annotations(),
            a.startsAt(),
            a.endsAt());
    return AlertParser.toAlertmanager(mine).toString();
  }

  private static double medianPageMs(HttpClient http, int port, List<Incident> incidents)
      throws Exception {
    List<Double> ms = new ArrayList<>();
    for (Incident i : incidents) {
      for (String path :
          List.of(
              "/ui/incidents/" + i.id(), "/api/v1/incidents/" + i.id() + "/report?format=html")) {
        long t = System.nanoTime();
        HttpResponse<String> res =
            http.send(request(port, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        ms.add((System.nanoTime() - t) / 1e6);
        if (res.statusCode() != 200) {
          throw new IllegalStateException(path + " -> " + res.statusCode());
        }
      }
    }
    ms.sort(null);
    return ms.get(ms.size() / 2);
  }

  private static void send(HttpClient http, int port, String path, List<? extends Message> reqs)
      throws Exception {
    for (Message m : reqs) {
      HttpResponse<String> res =
          http.send(
              request(port, path)
                  .header("Content-Type", "application/x-protobuf")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(m.toByteArray()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() != 200) {
        throw new IllegalStateException(path + " refused: " + res.body());
      }
    }
  }

  private static HttpRequest.Builder request(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer " + TOKEN);
  }
}

package dev.warroom.server.bench;

import dev.warroom.engine.director.Director;
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
import java.util.Arrays;
import java.util.Map;

/**
 * Benchmark (issue 15): one Alertmanager notification carrying N alerts, each its own fingerprint,
 * posted to a running server (embedded incident database, one worker investigating meanwhile);
 * measures the time from sending the request to the 202 that acknowledges all N incidents as stored
 * and queued. A first notification warms the JVM up and is not counted; each round uses new
 * fingerprints; the median is printed.
 *
 * <pre>
 * java -cp ... dev.warroom.server.bench.AlertmanagerIntakeBenchmark ALERTS ROUNDS
 * </pre>
 */
public final class AlertmanagerIntakeBenchmark {
  private static final String TOKEN = "bench-token-0001";

  private AlertmanagerIntakeBenchmark() {}

  /** The notification: {@code n} firing alerts of fingerprints {@code prefix-0 .. prefix-(n-1)}. */
  public static String notification(int n, String prefix) {
    StringBuilder b =
        new StringBuilder(
            "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"warroom\","
                + "\"groupLabels\":{\"alertname\":\"HighLatency\"},\"alerts\":[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"status\":\"firing\",\"fingerprint\":\"")
          .append(prefix)
          .append('-')
          .append(i)
          .append("\",\"labels\":{\"alertname\":\"HighLatency\",\"service\":\"svc-")
          .append(i % 100)
          .append("\",\"severity\":\"critical\",\"pod\":\"pod-")
          .append(i)
          .append("\"},\"annotations\":{\"summary\":\"p99 latency above 2s\"},")
          .append("\"startsAt\":\"2026-01-01T10:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\"}");
    }
    return b.append("]}").toString();
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    run(n, rounds, System.out);
  }

  /** The rounds' times in seconds (warm-up not included) and their median. */
  public record Result(int alerts, int bytes, double[] seconds, double medianSeconds) {}

  /**
   * Runs the benchmark: a warm-up notification and {@code rounds} timed ones of {@code n} alerts,
   * each to a fresh server; prints one line per round to {@code log}.
   */
  public static Result run(int n, int rounds, java.io.PrintStream log) throws Exception {
    if (n < 1 || rounds < 1) {
      throw new IllegalArgumentException("alerts and rounds must be >= 1");
    }
    double[] seconds = new double[rounds];
    int size = 0;
    HttpClient http = HttpClient.newHttpClient();
    for (int r = -1; r < rounds; r++) { // round -1 warms the JVM up and is not counted
      Path dir = Files.createTempDirectory("warroom-bench");
      ServerConfig c = new ServerConfig(0, dir, 1, 10 * n, Map.of(TOKEN, Role.ADMIN), null, null);
      try (WarroomServer s = WarroomServer.start(c, Director.standard(), InstantSource.system())) {
        byte[] body = notification(n, "r" + r).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        HttpResponse<String> resp =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + s.port() + "/api/v1/alerts/alertmanager"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        double sec = (System.nanoTime() - t0) / 1e9;
        if (resp.statusCode() != 202) {
          throw new IllegalStateException("HTTP " + resp.statusCode() + ": " + resp.body());
        }
        long created = resp.body().split("\"created\":true", -1).length - 1;
        if (created != n) {
          throw new IllegalStateException(created + " of " + n + " incidents created");
        }
        if (r >= 0) {
          seconds[r] = sec;
        }
        size = body.length;
        log.printf(
            java.util.Locale.ROOT,
            "round %d%s: %d alerts (%d bytes) taken in %.3f s%n",
            r,
            r < 0 ? " (warm-up)" : "",
            n,
            body.length,
            sec);
      } finally {
        deleteTree(dir);
      }
    }
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    double median =
        rounds % 2 == 1 ? sorted[rounds / 2] : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
    log.printf(
        java.util.Locale.ROOT, "median of %d rounds: %.3f s for %d alerts%n", rounds, median, n);
    return new Result(n, size, seconds, median);
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}

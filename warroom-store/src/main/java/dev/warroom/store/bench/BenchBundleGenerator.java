package dev.warroom.store.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes synthetic bundles for the ingest benchmark straight to text (independent of the project's
 * BundleWriter and of the gym, so the benchmark measures reading real files): JSON-lines logs,
 * Zipkin v2 spans, and Prometheus text with timestamps, interleaved by scrape time as a real
 * exposition dump is. Deterministic for a seed.
 */
public final class BenchBundleGenerator {
  static final long T0_MS = 1_714_564_800_000L; // 2024-05-01T12:00:00Z
  private static final String[] LEVELS = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
  private static final String[] MESSAGES = {
    "served GET /api/cart/%d in %d ms",
    "db timeout after %d ms on query id=%d",
    "cache miss for key user:%d (%d ms)",
    "payment authorised order=%d amount=%d",
    "retrying call to inventory attempt=%d backoff=%d ms"
  };

  private BenchBundleGenerator() {}

  static void alert(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("alert.json"),
        "{\"title\":\"bench\",\"source\":\"generic\",\"signal\":\"error_rate\",\"service\":\"svc-0\","
            + "\"severity\":\"warning\",\"startsAt\":\"2024-05-01T12:00:00Z\",\"labels\":{}}\n");
  }

  /** {@code n} log records over {@code services} services, one per 100 µs. */
  public static void logs(Path dir, int n, int services, long seed) throws IOException {
    alert(dir);
    SplittableRandom r = new SplittableRandom(seed);
    try (Writer w = writer(dir.resolve("logs/app.jsonl"))) {
      StringBuilder sb = new StringBuilder(1 << 17);
      for (int i = 0; i < n; i++) {
        long micros = T0_MS * 1000 + i * 100L;
        int svc = r.nextInt(services);
        int kind = r.nextInt(MESSAGES.length);
        sb.append("{\"ts\":\"")
            .append(
                java.time.Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000));
        sb.append("\",\"service\":\"svc-").append(svc).append("\",\"level\":\"");
        sb.append(kind == 1 ? "ERROR" : LEVELS[r.nextInt(LEVELS.length)])
            .append("\",\"message\":\"");
        sb.append(String.format(MESSAGES[kind], r.nextInt(100_000), r.nextInt(5000)));
        sb.append("\",\"attributes\":{\"pod\":\"svc-")
            .append(svc)
            .append("-pod-")
            .append(r.nextInt(4));
        sb.append("\",\"thread\":\"http-").append(r.nextInt(16)).append("\"}");
        if ((i & 3) == 0) {
          sb.append(",\"trace_id\":\"").append(hex32(r)).append('"');
        }
        sb.append("}\n");
        if (sb.length() > 1 << 16) {
          w.append(sb);
          sb.setLength(0);
        }
      }
      w.append(sb);
    }
  }

  /** {@code n} Zipkin spans in traces of 5 spans each. */
  public static void spans(Path dir, int n, int services, long seed) throws IOException {
    alert(dir);
    SplittableRandom r = new SplittableRandom(seed);
    try (Writer w = writer(dir.resolve("traces/traces.json"))) {
      StringBuilder sb = new StringBuilder(1 << 17).append("[\n");
      String trace = null;
      String parent = null;
      for (int i = 0; i < n; i++) {
        if (i % 5 == 0) {
          trace = hex32(r);
          parent = null;
        }
        String id = String.format("%016x", r.nextLong());
        boolean error = r.nextInt(50) == 0;
        sb.append(i == 0 ? "" : ",\n")
            .append("{\"traceId\":\"")
            .append(trace)
            .append("\",\"id\":\"")
            .append(id)
            .append('"');
        if (parent != null) {
          sb.append(",\"parentId\":\"").append(parent).append('"');
        }
        sb.append(",\"name\":\"GET /api/op")
            .append(r.nextInt(20))
            .append("\",\"kind\":\"")
            .append(parent == null ? "SERVER" : "CLIENT");
        sb.append("\",\"timestamp\":")
            .append(T0_MS * 1000 + i * 50L)
            .append(",\"duration\":")
            .append(100 + r.nextInt(100_000));
        sb.append(",\"localEndpoint\":{\"serviceName\":\"svc-")
            .append(r.nextInt(services))
            .append("\"}");
        sb.append(",\"tags\":{\"http.method\":\"GET\",\"http.status_code\":\"")
            .append(error ? "500" : "200")
            .append('"');
        if (error) {
          sb.append(",\"error\":\"internal\"");
        }
        sb.append("}}");
        parent = id;
        if (sb.length() > 1 << 16) {
          w.append(sb);
          sb.setLength(0);
        }
      }
      w.append(sb.append("\n]\n"));
    }
  }

  /** {@code series} series of {@code points / series} samples each, 10 s apart. */
  public static void metrics(Path dir, int points, int series, long seed) throws IOException {
    alert(dir);
    SplittableRandom r = new SplittableRandom(seed);
    String[] keys = new String[series];
    for (int s = 0; s < series; s++) {
      keys[s] =
          "http_requests_total{code=\""
              + (s % 5 == 0 ? 500 : 200)
              + "\",instance=\"pod-"
              + (s % 7)
              + "\",service=\"svc-"
              + (s / 10)
              + "\",route=\"/api/r"
              + s
              + "\"}";
    }
    double[] totals = new double[series];
    int steps = points / series;
    try (Writer w = writer(dir.resolve("metrics/metrics.prom"))) {
      StringBuilder sb = new StringBuilder(1 << 17).append("# TYPE http_requests_total counter\n");
      for (int t = 0; t < steps; t++) {
        long ts = T0_MS + t * 10_000L;
        for (int s = 0; s < series; s++) {
          totals[s] += r.nextInt(100);
          sb.append(keys[s])
              .append(' ')
              .append((long) totals[s])
              .append(' ')
              .append(ts)
              .append('\n');
        }
        if (sb.length() > 1 << 16) {
          w.append(sb);
          sb.setLength(0);
        }
      }
      w.append(sb);
    }
  }

  private static String hex32(SplittableRandom r) {
    return String.format("%016x%016x", r.nextLong(), r.nextLong());
  }

  private static Writer writer(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    return new BufferedWriter(
        new java.io.OutputStreamWriter(Files.newOutputStream(p), StandardCharsets.UTF_8), 1 << 16);
  }
}

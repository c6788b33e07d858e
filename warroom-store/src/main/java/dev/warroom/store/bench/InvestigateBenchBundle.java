package dev.warroom.store.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Writes a real-sized incident bundle for the investigate benchmark, shaped like the public exports
 * of a 40-service system: JSON-lines logs with Kubernetes attributes, Zipkin v2 spans in 5-span
 * traces across services, and a long CSV of per-pod metrics at a 6 s step, 30 minutes in all, with
 * a fault in one service from minute 20 (errors in its spans and logs, latency and CPU up) and an
 * alert on the entry service. Deterministic for a seed.
 */
public final class InvestigateBenchBundle {
  static final long T0_MS = 1_714_564_800_000L; // 2024-05-01T12:00:00Z
  static final long SPAN_MS = 30 * 60_000L;
  static final long ONSET_MS = T0_MS + 20 * 60_000L;
  private static final String[] METRICS = {
    "cpu_usage_percent",
    "memory_usage_mebibytes",
    "request_rate",
    "error_rate",
    "latency_p99_seconds"
  };

  /** Sizes of the bundle. */
  public record Size(int logs, int spans, int points, int services) {
    public static final Size REAL = new Size(10_000, 20_000, 60_000, 40);
  }

  private InvestigateBenchBundle() {}

  private static String service(int i) {
    return "svc-" + i;
  }

  /** Writes the bundle into {@code dir}; returns the faulty service. */
  public static String write(Path dir, Size size, long seed) throws IOException {
    Files.createDirectories(dir);
    SplittableRandom r = new SplittableRandom(seed);
    int faulty = 1 + r.nextInt(size.services() - 1);
    Files.writeString(
        dir.resolve("alert.json"),
        "{\"title\":\"error ratio of svc-0 above 5%\",\"source\":\"generic\","
            + "\"signal\":\"error_rate\",\"service\":\"svc-0\",\"severity\":\"critical\","
            + "\"startsAt\":\""
            + Instant.ofEpochMilli(ONSET_MS + 120_000)
            + "\",\"labels\":{}}\n");
    logs(dir, size, faulty, r);
    spans(dir, size, faulty, r);
    metrics(dir, size, faulty, r);
    return service(faulty);
  }

  private static void logs(Path dir, Size size, int faulty, SplittableRandom r) throws IOException {
    try (Writer w = writer(dir.resolve("logs/app.jsonl"))) {
      StringBuilder sb = new StringBuilder(1 << 16);
      for (int i = 0; i < size.logs(); i++) {
        long t = T0_MS + (long) i * SPAN_MS / size.logs();
        int s = r.nextInt(size.services());
        boolean bad = s == faulty && t >= ONSET_MS && r.nextInt(3) > 0;
        String pod = service(s) + "-5f6585d649-" + "bcdfg".charAt(r.nextInt(5)) + "x7k2";
        sb.append("{\"ts\":\"").append(Instant.ofEpochMilli(t)).append("\",\"service\":\"");
        sb.append(service(s)).append("\",\"level\":\"").append(bad ? "ERROR" : "INFO");
        sb.append("\",\"message\":\"");
        if (bad) {
          sb.append("failed to handle request id=")
              .append(r.nextInt(1_000_000))
              .append(": java.net.SocketTimeoutException: connect timed out after ")
              .append(1000 + r.nextInt(3000))
              .append(" ms to downstream svc-")
              .append(r.nextInt(size.services()));
        } else {
          sb.append("served ")
              .append(r.nextBoolean() ? "GET" : "POST")
              .append(" /api/v1/items/")
              .append(r.nextInt(10_000))
              .append(" status=200 bytes=")
              .append(r.nextInt(50_000))
              .append(" in ")
              .append(1 + r.nextInt(80))
              .append(" ms user=")
              .append(r.nextInt(100_000));
        }
        sb.append("\",\"attributes\":{\"pod\":\"").append(pod);
        sb.append("\",\"node\":\"10.0.0.").append(s % 8);
        sb.append("\",\"container\":\"server\",\"trace_id\":\"").append(hex(r, 32));
        sb.append("\",\"span_id\":\"").append(hex(r, 16)).append("\"}}\n");
        flush(w, sb);
      }
      w.append(sb);
    }
  }

  private static void spans(Path dir, Size size, int faulty, SplittableRandom r)
      throws IOException {
    try (Writer w = writer(dir.resolve("traces/spans.json"))) {
      StringBuilder sb = new StringBuilder(1 << 16).append("[\n");
      int traces = size.spans() / 5;
      int written = 0;
      for (int k = 0; k < traces; k++) {
        long start = (T0_MS + (long) k * SPAN_MS / traces) * 1000;
        String trace = hex(r, 32);
        String parent = null;
        int svc = 0;
        for (int d = 0; d < 5 && written < size.spans(); d++, written++) {
          String id = hex(r, 16);
          boolean fault = svc == faulty && start / 1000 >= ONSET_MS;
          boolean error = fault ? r.nextInt(2) == 0 : r.nextInt(200) == 0;
          long duration = (5 - d) * 2000L + r.nextInt(4000) + (fault ? 800_000 : 0);
          sb.append(written == 0 ? "" : ",\n")
              .append("{\"traceId\":\"")
              .append(trace)
              .append("\",\"id\":\"")
              .append(id)
              .append('"');
          if (parent != null) {
            sb.append(",\"parentId\":\"").append(parent).append('"');
          }
          sb.append(",\"name\":\"").append(d == 0 ? "GET /api/v1/items" : "grpc.Call/op" + d);
          sb.append("\",\"kind\":\"SERVER\",\"timestamp\":").append(start + d * 100L);
          sb.append(",\"duration\":").append(duration);
          sb.append(",\"localEndpoint\":{\"serviceName\":\"").append(service(svc));
          sb.append("\",\"ipv4\":\"10.0.0.").append(svc % 8).append("\"}");
          sb.append(",\"tags\":{\"http.method\":\"GET\",\"http.status_code\":\"");
          sb.append(error ? "500" : "200").append("\",\"component\":\"grpc\"");
          if (error) {
            sb.append(",\"error\":\"deadline exceeded\"");
          }
          sb.append("}}");
          parent = id;
          // callee: deeper services, the faulty one on a share of the paths
          svc = d == 0 && r.nextInt(4) == 0 ? faulty : 1 + r.nextInt(size.services() - 1);
          flush(w, sb);
        }
      }
      w.append(sb.append("\n]\n"));
    }
  }

  private static void metrics(Path dir, Size size, int faulty, SplittableRandom r)
      throws IOException {
    int series = size.services() * METRICS.length;
    int steps = Math.max(2, size.points() / series);
    long step = SPAN_MS / steps;
    try (Writer w = writer(dir.resolve("metrics/pods.csv"))) {
      StringBuilder sb = new StringBuilder(1 << 16).append("timestamp,series,value\n");
      for (int t = 0; t < steps; t++) {
        long ms = T0_MS + t * step;
        String ts = Instant.ofEpochMilli(ms).toString();
        for (int s = 0; s < size.services(); s++) {
          boolean fault = s == faulty && ms >= ONSET_MS;
          for (int m = 0; m < METRICS.length; m++) {
            double base = 10 + (s * 7 + m * 3) % 50;
            double v = base * (1 + 0.05 * r.nextGaussian()) * (fault && m != 2 ? 3 : 1);
            sb.append(ts)
                .append(",\"")
                .append(METRICS[m])
                .append("{service=\"\"")
                .append(service(s))
                .append("\"\",pod=\"\"")
                .append(service(s))
                .append("-5f6585d649-x7k2p\"\"}\",")
                .append(String.format(java.util.Locale.ROOT, "%.4f", v))
                .append('\n');
          }
        }
        flush(w, sb);
      }
      w.append(sb);
    }
  }

  private static void flush(Writer w, StringBuilder sb) throws IOException {
    if (sb.length() > 1 << 15) {
      w.append(sb);
      sb.setLength(0);
    }
  }

  private static String hex(SplittableRandom r, int chars) {
    StringBuilder s = new StringBuilder(chars);
    while (s.length() < chars) {
      s.append(String.format("%016x", r.nextLong()));
    }
    return s.substring(0, chars);
  }

  private static Writer writer(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    return new BufferedWriter(
        new java.io.OutputStreamWriter(Files.newOutputStream(p), StandardCharsets.UTF_8), 1 << 16);
  }
}

package dev.warroom.engine.actors;

import dev.warroom.model.Span;
import dev.warroom.model.SpanKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-service request statistics of a set of spans: server-side request count, error count, p90
 * duration, and mean self-time (duration minus the time spent in direct children, the latency a
 * service adds itself; as in trace latency attribution, e.g. Jaeger's critical-path analysis).
 */
final class SpanStats {
  record Service(int requests, int errors, double p90Millis, double selfMillis, int originErrors) {
    double errorRate() {
      return requests == 0 ? 0 : (double) errors / requests;
    }
  }

  private final Map<String, Service> byService;
  private final Map<String, Integer> routeErrors;

  private SpanStats(Map<String, Service> byService, Map<String, Integer> routeErrors) {
    this.byService = byService;
    this.routeErrors = routeErrors;
  }

  Map<String, Service> byService() {
    return byService;
  }

  Service of(String service) {
    return byService.getOrDefault(service, new Service(0, 0, 0, 0, 0));
  }

  /** Failed root operations ("GET /deposit") and their error counts. */
  Map<String, Integer> routeErrors() {
    return routeErrors;
  }

  static SpanStats of(List<Span> spans) {
    Map<String, Span> byId = new HashMap<>();
    Map<String, Long> childTime = new HashMap<>();
    Map<String, Boolean> childError = new HashMap<>();
    for (Span s : spans) {
      byId.put(s.traceId() + "/" + s.spanId(), s);
    }
    for (Span s : spans) {
      if (s.parentSpanId() != null) {
        String pk = s.traceId() + "/" + s.parentSpanId();
        childTime.merge(pk, s.duration().toNanos(), Long::sum);
        if (s.isError()) {
          childError.put(pk, true);
        }
      }
    }
    Map<String, List<Double>> durations = new HashMap<>();
    Map<String, double[]> acc = new HashMap<>(); // requests, errors, self sum, self n, origins
    Map<String, Integer> routes = new TreeMap<>();
    for (Span s : spans) {
      String key = s.traceId() + "/" + s.spanId();
      double[] a = acc.computeIfAbsent(s.service(), k -> new double[5]);
      long self = Math.max(0, s.duration().toNanos() - childTime.getOrDefault(key, 0L));
      a[2] += self / 1e6;
      a[3]++;
      if (s.isError() && !childError.getOrDefault(key, false)) {
        a[4]++;
      }
      boolean entry = s.kind() == SpanKind.SERVER || s.kind() == SpanKind.CONSUMER || s.isRoot();
      if (entry) {
        a[0]++;
        if (s.isError()) {
          a[1]++;
        }
        durations
            .computeIfAbsent(s.service(), k -> new ArrayList<>())
            .add(s.duration().toNanos() / 1e6);
      }
      if (s.isRoot() && s.isError()) {
        routes.merge(s.service() + " " + s.operation(), 1, Integer::sum);
      }
    }
    Map<String, Service> out = new TreeMap<>();
    for (var e : acc.entrySet()) {
      double[] a = e.getValue();
      List<Double> d = durations.getOrDefault(e.getKey(), List.of());
      out.put(
          e.getKey(),
          new Service(
              (int) a[0], (int) a[1], quantile(d, 0.9), a[3] == 0 ? 0 : a[2] / a[3], (int) a[4]));
    }
    return new SpanStats(out, routes);
  }

  static double quantile(List<Double> xs, double q) {
    if (xs.isEmpty()) {
      return 0;
    }
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a[Math.min(a.length - 1, (int) Math.floor(q * (a.length - 1) + 0.5))];
  }
}

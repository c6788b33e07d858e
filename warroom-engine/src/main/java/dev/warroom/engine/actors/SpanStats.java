package dev.warroom.engine.actors;

import dev.warroom.engine.agents.SpanAggregate;
import dev.warroom.model.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-service request statistics of a window: span count, failures and p95 from the source's
 * aggregates (pushed down to the store), and the failures that originate in the service — failed
 * spans none of whose children failed (the error-origin rule of TraceRCA, Li et al. 2021), found
 * among the failed spans only.
 */
final class SpanStats {
  record Service(long requests, long errors, double p95Millis, int originErrors) {
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
    return byService.getOrDefault(service, new Service(0, 0, 0, 0));
  }

  /** Failed root operations ("frontend POST /deposit") and their counts. */
  Map<String, Integer> routeErrors() {
    return routeErrors;
  }

  static SpanStats of(List<SpanAggregate> aggregates, List<Span> errorSpans) {
    Map<String, double[]> acc = new TreeMap<>(); // count, errors, sum(count * p95)
    for (SpanAggregate a : aggregates) {
      double[] x = acc.computeIfAbsent(a.service(), k -> new double[3]);
      x[0] += a.count();
      x[1] += a.errors();
      x[2] += a.count() * a.p95Millis();
    }
    Set<String> parentsOfErrors = new HashSet<>();
    for (Span s : errorSpans) {
      if (s.parentSpanId() != null) {
        parentsOfErrors.add(s.traceId() + "/" + s.parentSpanId());
      }
    }
    Map<String, Integer> origins = new TreeMap<>();
    Map<String, Integer> routes = new TreeMap<>();
    for (Span s : errorSpans) {
      if (!parentsOfErrors.contains(s.traceId() + "/" + s.spanId())) {
        origins.merge(s.service(), 1, Integer::sum);
      }
      if (s.isRoot()) {
        routes.merge(s.service() + " " + s.operation(), 1, Integer::sum);
      }
    }
    Map<String, Service> out = new TreeMap<>();
    for (var e : acc.entrySet()) {
      double[] x = e.getValue();
      out.put(
          e.getKey(),
          new Service(
              (long) x[0],
              (long) x[1],
              x[0] == 0 ? 0 : x[2] / x[0],
              origins.getOrDefault(e.getKey(), 0)));
    }
    return new SpanStats(out, routes);
  }
}

package dev.warroom.engine.actors;

import dev.warroom.engine.agents.SpanAggregate;
import dev.warroom.experts.traces.EdgeFailure;
import dev.warroom.experts.traces.OperationKey;
import dev.warroom.experts.traces.OperationStats;
import dev.warroom.experts.traces.ServiceStats;
import dev.warroom.experts.traces.TraceExpert;
import dev.warroom.model.Span;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-service request statistics of a window, computed by the traces expert from what the store
 * hands over cheaply: span count, failures and p95 from the source's per-operation aggregates
 * (pushed down to the store, rolled up by {@link ServiceStats#byService}), and the failures that
 * originate in the service, counted by {@link TraceExpert#errorOriginCounts} (failed spans none of
 * whose children failed, the error-origin rule of TraceRCA, Li et al. 2021) among the failed spans
 * only.
 */
final class SpanStats {
  record Service(long requests, long errors, double p95Millis, int originErrors) {
    double errorRate() {
      return requests == 0 ? 0 : (double) errors / requests;
    }
  }

  private final List<OperationStats> operations;
  private final Map<String, Service> byService;
  private final Map<String, Integer> routeErrors;
  private final List<EdgeFailure> edgeFailures;

  private SpanStats(
      List<OperationStats> operations,
      Map<String, Service> byService,
      Map<String, Integer> routeErrors,
      List<EdgeFailure> edgeFailures) {
    this.operations = operations;
    this.byService = byService;
    this.routeErrors = routeErrors;
    this.edgeFailures = edgeFailures;
  }

  /**
   * Failed calls per caller → callee edge that the callee did not fail itself ({@link
   * TraceExpert#edgeFailures}), most first.
   */
  List<EdgeFailure> edgeFailures() {
    return edgeFailures;
  }

  /**
   * The per-operation aggregates these statistics were rolled up from, as the expert takes them.
   */
  List<OperationStats> operations() {
    return operations;
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
    List<OperationStats> ops =
        aggregates.stream()
            .map(
                a ->
                    new OperationStats(
                        new OperationKey(a.service(), a.operation()),
                        a.count(),
                        a.errors(),
                        a.p95Millis()))
            .toList();
    TraceExpert.Failures failures = TraceExpert.failures(errorSpans);
    Map<String, Integer> origins = new TreeMap<>();
    failures.originCounts().forEach((op, n) -> origins.merge(op.service(), n, Integer::sum));
    Map<String, Integer> routes = new TreeMap<>();
    for (Span s : errorSpans) {
      if (s.isRoot()) {
        routes.merge(s.service() + " " + s.operation(), 1, Integer::sum);
      }
    }
    Map<String, Service> out = new TreeMap<>();
    ServiceStats.byService(ops)
        .forEach(
            (service, st) ->
                out.put(
                    service,
                    new Service(
                        st.requests(), st.errors(), st.p95Ms(), origins.getOrDefault(service, 0))));
    return new SpanStats(ops, out, routes, failures.edges());
  }
}

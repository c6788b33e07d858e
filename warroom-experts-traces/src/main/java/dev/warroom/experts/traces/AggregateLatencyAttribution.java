package dev.warroom.experts.traces;

import dev.warroom.model.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Latency attribution from per-operation aggregates, for when the raw spans are too many to fetch
 * and a store pushes {@code count, errors, p95} per service and operation down instead. A slow
 * request is slow somewhere: a service whose p95 grew by more than its slowest callee's p95 grew
 * adds latency itself, while its callers only wait. The service's p95 growth minus the largest
 * callee growth estimates its self-time shift — the quantity {@link TraceExpert#analyze} measures
 * exactly from raw spans (latency attribution over the call graph, as in MicroRank, Yu et al. WWW
 * 2021, and Jaeger's critical path). The call graph comes from a {@link Topology} (declared, or
 * {@link ServiceGraph#toTopology()} of a trace sample).
 *
 * <p>On a gym bundle (16k to 44k spans over 30 minutes) fetching the raw spans from the embedded
 * store costs 0.3 to 0.6 s, the aggregates about 15 ms; this entry point keeps the push-down.
 */
public final class AggregateLatencyAttribution {
  private final double factor;
  private final double minAddedMs;
  private final long minBaselineRequests;
  private final double minOwnShare;

  /**
   * @param factor the service's p95 must grow at least by this factor (> 1)
   * @param minAddedMs and by at least this many milliseconds, and so must its own part (>= 0)
   * @param minBaselineRequests baseline spans needed for a trustworthy baseline p95 (>= 1)
   * @param minOwnShare the own part must be at least this fraction of the growth (0..1)
   */
  public AggregateLatencyAttribution(
      double factor, double minAddedMs, long minBaselineRequests, double minOwnShare) {
    if (!(factor > 1)) {
      throw new IllegalArgumentException("factor not > 1: " + factor);
    }
    if (!(minAddedMs >= 0)) {
      throw new IllegalArgumentException("minAddedMs not >= 0: " + minAddedMs);
    }
    if (minBaselineRequests < 1) {
      throw new IllegalArgumentException("minBaselineRequests < 1: " + minBaselineRequests);
    }
    if (!(minOwnShare >= 0 && minOwnShare <= 1)) {
      throw new IllegalArgumentException("minOwnShare not in [0,1]: " + minOwnShare);
    }
    this.factor = factor;
    this.minAddedMs = minAddedMs;
    this.minBaselineRequests = minBaselineRequests;
    this.minOwnShare = minOwnShare;
  }

  /**
   * p95 up 1.5x and by 5 ms, 20 baseline spans, at least 30% of the growth the service's own: a 5
   * ms change is below what a user notices and within a p95's noise at gym traffic (60 traces a
   * minute), 20 spans give a p95 that rests on at least one observation above it.
   */
  public static AggregateLatencyAttribution withDefaults() {
    return new AggregateLatencyAttribution(1.5, 5, 20, 0.3);
  }

  /**
   * Services of the incident that add latency themselves, largest own part first (ties by name).
   *
   * @param baseline per-operation statistics of the baseline window
   * @param incident per-operation statistics of the incident window
   * @param topology the call graph; a service without known callees keeps its whole growth
   */
  public List<ServiceLatencyShift> attribute(
      List<OperationStats> baseline, List<OperationStats> incident, Topology topology) {
    Objects.requireNonNull(topology, "topology");
    Map<String, ServiceStats> base = ServiceStats.byService(baseline);
    Map<String, ServiceStats> inc = ServiceStats.byService(incident);
    List<ServiceLatencyShift> out = new ArrayList<>();
    for (var e : inc.entrySet()) {
      String s = e.getKey();
      ServiceStats b = base.getOrDefault(s, ServiceStats.NONE);
      double before = b.p95Ms();
      double after = e.getValue().p95Ms();
      if (before <= 0
          || b.requests() < minBaselineRequests
          || after < factor * before
          || after - before < minAddedMs) {
        continue;
      }
      // Latency a service only passes on from a slower callee is not its own; a callee that got
      // faster does not make the service's own share larger.
      double calleeShift = 0;
      String slowest = null;
      for (String c : topology.calleesOf(s)) {
        ServiceStats cb = base.getOrDefault(c, ServiceStats.NONE);
        if (inc.containsKey(c) && cb.p95Ms() > 0) {
          double shift = inc.get(c).p95Ms() - cb.p95Ms();
          if (shift > calleeShift) {
            calleeShift = shift;
            slowest = c;
          }
        }
      }
      double added = (after - before) - calleeShift;
      if (added >= minAddedMs && added >= minOwnShare * (after - before)) {
        out.add(
            new ServiceLatencyShift(
                s,
                b.requests(),
                e.getValue().requests(),
                before,
                after,
                slowest,
                calleeShift,
                added));
      }
    }
    out.sort(Comparator.comparingDouble(ServiceLatencyShift::addedMs).reversed());
    return List.copyOf(out);
  }
}

package dev.warroom.experts.traces;

import java.util.Objects;

/**
 * A service that adds latency itself, found from per-operation aggregates by {@link
 * AggregateLatencyAttribution}. Times are milliseconds.
 *
 * @param service the service
 * @param baselineRequests its spans in the baseline window
 * @param incidentRequests its spans in the incident window
 * @param baselineP95Ms its p95 in the baseline (request-weighted over its operations)
 * @param incidentP95Ms its p95 in the incident
 * @param slowestCallee the callee whose p95 grew most, or null when no callee's grew
 * @param calleeShiftMs that callee's p95 growth (0 when none grew): latency the service only passes
 *     on
 * @param addedMs {@code incidentP95Ms - baselineP95Ms - calleeShiftMs}: the growth the service adds
 *     itself (an estimate of its self-time shift)
 */
public record ServiceLatencyShift(
    String service,
    long baselineRequests,
    long incidentRequests,
    double baselineP95Ms,
    double incidentP95Ms,
    String slowestCallee,
    double calleeShiftMs,
    double addedMs) {
  public ServiceLatencyShift {
    Objects.requireNonNull(service, "service");
  }

  /** Growth of the service's p95 in the incident, callees included. */
  public double growthMs() {
    return incidentP95Ms - baselineP95Ms;
  }
}

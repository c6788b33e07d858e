package dev.warroom.experts.traces;

import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import dev.warroom.model.Span;
import dev.warroom.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The traces expert: a pure function of two sets of spans, a baseline (normal operation) and an
 * incident window. It localises where errors originate ({@link ErrorOrigin}), attributes latency by
 * self-time shift ({@link SelfTimeShift}), computes the critical path and a flame-graph summary,
 * and derives the service dependency graph. The baseline may be empty; shifts and rates are then
 * against zero.
 *
 * <pre>{@code
 * TraceAnalysis a = TraceExpert.withDefaults().analyze(baselineSpans, incidentSpans);
 * a.errorOrigins().get(0).operation();   // payment POST /charge
 * a.serviceGraph().toTopology();          // for RootCauseRanker
 * }</pre>
 */
public final class TraceExpert {
  static final String NAME = "traces";
  private final int flameFrames;
  private final int maxFindingsPerKind;
  private final AggregateLatencyAttribution aggregateLatency =
      AggregateLatencyAttribution.withDefaults();

  /**
   * @param flameFrames how many folded stacks the flame summary keeps (>= 1)
   * @param maxFindingsPerKind how many error-origin and latency findings to emit at most (>= 1)
   */
  public TraceExpert(int flameFrames, int maxFindingsPerKind) {
    if (flameFrames < 1) {
      throw new IllegalArgumentException("flameFrames < 1: " + flameFrames);
    }
    if (maxFindingsPerKind < 1) {
      throw new IllegalArgumentException("maxFindingsPerKind < 1: " + maxFindingsPerKind);
    }
    this.flameFrames = flameFrames;
    this.maxFindingsPerKind = maxFindingsPerKind;
  }

  /** 20 flame stacks, at most 5 findings of each kind. */
  public static TraceExpert withDefaults() {
    return new TraceExpert(20, 5);
  }

  /** Analyses the incident spans against the baseline spans. */
  public TraceAnalysis analyze(List<Span> baseline, List<Span> incident) {
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(incident, "incident");
    TraceIndex b = new TraceIndex(baseline);
    TraceIndex in = new TraceIndex(incident);
    List<ErrorOrigin> origins = ErrorOriginLocator.locate(b, in);
    List<SelfTimeShift> shifts = LatencyAttribution.shifts(b, in);
    List<CriticalPathShare> path = CriticalPath.shares(b, in);
    List<FlameFrame> flame = FlameSummary.top(in, flameFrames);
    ServiceGraph graph = ServiceGraph.of(in);
    List<Finding> findings = new ArrayList<>();
    findings.addAll(errorFindings(origins));
    findings.addAll(latencyFindings(shifts));
    return new TraceAnalysis(origins, shifts, path, flame, graph, findings);
  }

  /**
   * Latency attribution from per-operation aggregates (see {@link AggregateLatencyAttribution}):
   * the services whose p95 grew by more than their slowest callee's, largest own part first. Use it
   * where a store aggregates spans for you and fetching them raw for {@link #analyze} would cost
   * more than the question is worth.
   */
  public List<ServiceLatencyShift> attributeLatency(
      List<OperationStats> baseline, List<OperationStats> incident, Topology topology) {
    return aggregateLatency.attribute(baseline, incident, topology);
  }

  /**
   * How many error-origin spans (failing, with no failing child: the rule of {@link #analyze}'s
   * error origins) each operation has among {@code spans}. The input may be the failed spans only —
   * an origin depends only on which spans fail (status ERROR or an HTTP 5xx code) — so a store's
   * selection of the failed spans suffices. Operations in order of first appearance.
   */
  public static Map<OperationKey, Integer> errorOriginCounts(List<Span> spans) {
    return failures(spans).originCounts();
  }

  /**
   * Failed calls per caller → callee edge that the callee did not fail itself ({@link
   * EdgeFailure}), most failures first. Like {@link #errorOriginCounts} the input may be the failed
   * spans only: whether a client span's failure is its own depends only on which spans fail.
   */
  public static List<EdgeFailure> edgeFailures(List<Span> spans) {
    return failures(spans).edges();
  }

  /**
   * {@link #errorOriginCounts} and {@link #edgeFailures} of the same spans from one index.
   *
   * @param originCounts error-origin spans per operation, in order of first appearance
   * @param edges failed calls per edge the callee did not fail itself, most failures first
   */
  public record Failures(Map<OperationKey, Integer> originCounts, List<EdgeFailure> edges) {
    public Failures {
      originCounts =
          java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(originCounts));
      edges = List.copyOf(edges);
    }
  }

  /** Both failure counts of {@code spans} (which may be the failed spans only). */
  public static Failures failures(List<Span> spans) {
    Objects.requireNonNull(spans, "spans");
    TraceIndex ix = new TraceIndex(spans);
    return new Failures(ErrorOriginLocator.originCounts(ix), ErrorOriginLocator.edgeFailures(ix));
  }

  /**
   * The peer a client or producer span names ({@code peer.service}, {@code server.address}, {@code
   * net.peer.name}, {@code db.system}, {@code messaging.system}), or null.
   */
  public static String peerOf(Span s) {
    return TraceIndex.declaredPeer(s);
  }

  /** Time lost between services per edge, and which end of a delayed edge to blame. */
  public EdgeDelays edgeDelays(List<Span> baseline, List<Span> incident) {
    return EdgeDelays.of(new TraceIndex(baseline), new TraceIndex(incident));
  }

  /**
   * Operations whose calls per request changed between the two windows ({@link CallPatternShifts}).
   */
  public List<CallPatternShifts.Shift> callPatternShifts(List<Span> baseline, List<Span> incident) {
    return CallPatternShifts.of(baseline, incident);
  }

  /** The service dependency graph of a set of spans. */
  public static ServiceGraph serviceGraph(List<Span> spans) {
    return ServiceGraph.of(new TraceIndex(spans));
  }

  private List<Finding> errorFindings(List<ErrorOrigin> origins) {
    List<Finding> out = new ArrayList<>();
    double allOrigins = origins.stream().mapToInt(ErrorOrigin::incidentOrigins).sum();
    for (ErrorOrigin o : origins) {
      // Below 1% of traces more than the baseline an origin is background noise.
      if (out.size() == maxFindingsPerKind || o.score() < 0.01) {
        break;
      }
      String svc = o.operation().service();
      String where =
          o.suspect().equals(svc)
              ? svc
              : o.suspect() + " (client span of " + svc + " to " + o.suspect() + ")";
      String summary =
          String.format(
              Locale.ROOT,
              "%s: errors originate in '%s' (deepest failing span) in %d of the incident traces"
                  + " (%.1f%%, baseline %.1f%%)%s",
              where,
              o.operation().operation(),
              o.incidentTraces(),
              100 * o.incidentRate(),
              100 * o.baselineRate(),
              o.exceptionTypes().isEmpty()
                  ? ""
                  : "; exceptions: "
                      + String.join(
                          ", ",
                          o.exceptionTypes().subList(0, Math.min(3, o.exceptionTypes().size()))));
      List<String> rows = new ArrayList<>(o.exampleSpans());
      Evidence ev =
          new Evidence(
              "traces/error-origin/" + (out.size() + 1),
              EvidenceKind.TRACE,
              NAME,
              "error spans with no failing child, per service/operation, incident vs baseline",
              Map.of(),
              summary,
              rows,
              List.of(o.suspect(), svc, o.operation().operation()),
              null,
              null);
      out.add(
          new Finding(
              NAME,
              o.suspect(),
              o.suspect(),
              o.exceptionTypes().isEmpty() ? null : FaultClass.CODE_EXCEPTION,
              summary,
              o.score(),
              o.firstSeen(),
              List.of(ev),
              // counted in traces: the traces where errors originate here, and how many the
              // baseline's rate predicts for the incident's traces
              new FindingDetail.ErrorOrigin(
                  o.operation().operation(),
                  o.incidentTraces(),
                  o.incidentRate() > 0
                      ? o.baselineRate() * o.incidentTraces() / o.incidentRate()
                      : 0,
                  allOrigins > 0 ? o.incidentOrigins() / allOrigins : 0,
                  o.exceptionTypes())));
    }
    return out;
  }

  /**
   * Only the latency attribution of {@link #analyze} (self-time shift per operation, largest
   * increase first), for callers that need nothing else and would rather not pay for the critical
   * path, flame summary and service graph.
   */
  public List<SelfTimeShift> latencyShifts(List<Span> baseline, List<Span> incident) {
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(incident, "incident");
    return LatencyAttribution.shifts(new TraceIndex(baseline), new TraceIndex(incident));
  }

  /**
   * The latency findings {@link #analyze} reports for these shifts: at most {@code
   * maxFindingsPerKind}, each a shift with at least 10% of the added time that is at least 20% new
   * time for its operation, blamed on the shift's {@link SelfTimeShift#suspect()}; score = share x
   * novelty.
   */
  public List<Finding> latencyFindings(List<SelfTimeShift> shifts) {
    return latencyFindings(shifts, 0, Double.NEGATIVE_INFINITY);
  }

  /**
   * Like {@link #latencyFindings(List)}, keeping only shifts whose operation's own time per call
   * grew materially: the incident's mean self time per call at least {@code minCallGrowth} times
   * the baseline's and at least {@code minCallAddedMs} more. Without such a floor the largest share
   * of pure noise is always some operation's (on no-fault gym episodes, shifts of 0.2-3 ms per
   * trace with per-call growth up to 2.3x took 10-45% of the "added" time).
   *
   * @param minCallGrowth factor on the baseline's mean self time per call (>= 0)
   * @param minCallAddedMs increase of the mean self time per call, milliseconds
   */
  public List<Finding> latencyFindings(
      List<SelfTimeShift> shifts, double minCallGrowth, double minCallAddedMs) {
    if (!(minCallGrowth >= 0)) {
      throw new IllegalArgumentException("minCallGrowth not >= 0: " + minCallGrowth);
    }
    if (Double.isNaN(minCallAddedMs)) {
      throw new IllegalArgumentException("minCallAddedMs is NaN");
    }
    List<Finding> out = new ArrayList<>();
    for (SelfTimeShift s : shifts) {
      if (out.size() == maxFindingsPerKind || s.shiftMsPerTrace() <= 0) {
        break;
      }
      if (s.incidentMeanSelfMs() < minCallGrowth * s.baselineMeanSelfMs()
          || s.incidentMeanSelfMs() - s.baselineMeanSelfMs() < minCallAddedMs) {
        continue;
      }
      // How new the time is: a 10 ms shift on a 1000 ms operation is noise, on a 2 ms one it is
      // not.
      double novelty = s.shiftMsPerTrace() / Math.max(1e-9, s.incidentSelfMsPerTrace());
      double score = Math.min(1, s.share() * novelty);
      if (s.share() < 0.1 || novelty < 0.2) {
        continue;
      }
      String svc = s.operation().service();
      String where =
          s.suspect().equals(svc)
              ? svc + ": self time of"
              : s.suspect()
                  + ": time outside "
                  + s.suspect()
                  + "'s own spans (network, queueing or"
                  + " the uninstrumented callee) in "
                  + svc
                  + "'s client span";
      String summary =
          String.format(
              Locale.ROOT,
              "%s '%s' up %.1f ms per trace (%.1f ms -> %.1f ms per call), %.0f%% of"
                  + " the added latency",
              where,
              s.operation().operation(),
              s.shiftMsPerTrace(),
              s.baselineMeanSelfMs(),
              s.incidentMeanSelfMs(),
              100 * s.share());
      Evidence ev =
          new Evidence(
              "traces/self-time/" + (out.size() + 1),
              EvidenceKind.TRACE,
              NAME,
              "self time (duration minus children) per service/operation, incident vs baseline",
              Map.of(),
              summary,
              List.of(),
              List.of(s.suspect(), svc, s.operation().operation()),
              null,
              null);
      out.add(
          new Finding(
              NAME,
              s.suspect(),
              s.suspect(),
              null,
              summary,
              score,
              null,
              List.of(ev),
              new FindingDetail.LatencyShift(
                  svc,
                  s.operation().operation(),
                  s.suspect().equals(svc) ? null : s.suspect(),
                  s.shiftMsPerTrace(),
                  s.baselineMeanSelfMs(),
                  s.incidentMeanSelfMs(),
                  s.share())));
    }
    return out;
  }
}

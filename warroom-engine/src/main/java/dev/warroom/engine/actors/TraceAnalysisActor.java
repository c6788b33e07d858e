package dev.warroom.engine.actors;

import dev.warroom.engine.agents.Observation;
import dev.warroom.engine.agents.QueryIntent;
import dev.warroom.engine.agents.SpanAggregate;
import dev.warroom.experts.traces.CallPatternShifts;
import dev.warroom.experts.traces.EdgeDelays;
import dev.warroom.experts.traces.SelfTimeShift;
import dev.warroom.experts.traces.ServiceLatencyShift;
import dev.warroom.experts.traces.TraceExpert;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import dev.warroom.model.Span;
import dev.warroom.model.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code trace_analysis}: latency attribution by the traces expert. A slow request is slow
 * somewhere; the expert finds where by self-time shift (each operation's duration minus its
 * children's, per trace, incident vs baseline; time a client span spends outside its callee's own
 * span is blamed on the callee), computed from the raw spans of the two windows ({@link
 * TraceExpert#latencyShifts}). When the windows hold more than {@link #DEFAULT_MAX_RAW_SPANS} spans
 * (known for free from the aggregates the store pushes down), fetching them all would cost more
 * than the answer is worth, and the expert estimates the same from those aggregates instead ({@link
 * TraceExpert#attributeLatency}: p95 growth beyond the slowest callee's growth).
 *
 * <p>Measured on 59 latency-type dev episodes (cpu_hog, network_latency, packet_loss,
 * noisy_neighbour, performance_regression, retry_storm, thread_pool_exhaustion, seeds 7000..7199):
 * the top raw self-time suspect was the true root cause in 51, the aggregate estimate's in 24; the
 * raw fetch took a median of about 0.2 s and the attribution about 40 ms at load average ~12.
 */
public final class TraceAnalysisActor
    implements Actor<TraceAnalysisActor.Input, TraceAnalysisActor.Output> {

  /**
   * @param services services to look at; empty for all
   */
  public record Input(List<String> services) {
    public Input {
      services = services == null ? List.of() : List.copyOf(services);
    }
  }

  /**
   * @param found whether any service's self-time grew
   * @param slow_services services adding latency, most first
   */
  public record Output(boolean found, List<String> slow_services) {}

  /**
   * An operation's own time per call must at least double, and grow by at least 5 ms, for its shift
   * to count. On the 20 no-fault dev episodes (seeds 7000..7199) no shift reached 2.4x; on the 59
   * latency-type fault episodes every true suspect's top shift grew at least 3.9x.
   */
  static final double MIN_CALL_GROWTH = 2;

  static final double MIN_CALL_ADDED_MS = 5;

  /** Spans of both windows above which the raw path gives way to the aggregates. */
  public static final long DEFAULT_MAX_RAW_SPANS = 150_000;

  private final long maxRawSpans;

  public TraceAnalysisActor() {
    this(DEFAULT_MAX_RAW_SPANS);
  }

  /**
   * @param maxRawSpans spans of both windows above which the attribution uses the aggregates
   */
  TraceAnalysisActor(long maxRawSpans) {
    if (maxRawSpans < 0) {
      throw new IllegalArgumentException("maxRawSpans < 0: " + maxRawSpans);
    }
    this.maxRawSpans = maxRawSpans;
  }

  @Override
  public String name() {
    return "trace_analysis";
  }

  @Override
  public String description() {
    return "latency attribution: services whose self-time grew";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Output> outputType() {
    return Output.class;
  }

  @Override
  public Output run(Input in, InvestigationContext ctx) {
    if (!ctx.inventory().hasTraces()) {
      return new Output(false, List.of());
    }
    RecentWindows.Spans sp = RecentWindows.spans(ctx);
    long spans = total(sp.baseline().rows()) + total(sp.incident().rows());
    List<Slow> delayed = new ArrayList<>();
    List<Slow> slow =
        (spans <= maxRawSpans ? fromSpans(ctx, sp, delayed) : fromAggregates(ctx, sp))
            .stream()
                .filter(s -> in.services().isEmpty() || in.services().contains(s.service()))
                .toList();
    double top = slow.stream().mapToDouble(Slow::weight).max().orElse(1);
    for (Slow s : slow) {
      var ev =
          ctx.evidence()
              .add(
                  EvidenceKind.TRACE,
                  name(),
                  s.observation(),
                  s.summary(),
                  s.rows(),
                  s.entities(),
                  null);
      ctx.addFinding(
          new Finding(
              name(),
              s.service(),
              s.service(),
              null,
              s.summary(),
              Math.min(1, 0.4 + 0.5 * s.weight() / top) * s.material(),
              null,
              List.of(ev),
              s.detail()));
    }
    for (Slow d : delayed) {
      if (!in.services().isEmpty() && !in.services().contains(d.service())) {
        continue;
      }
      var ev =
          ctx.evidence()
              .add(
                  EvidenceKind.TRACE,
                  name(),
                  d.observation(),
                  d.summary(),
                  d.rows(),
                  d.entities(),
                  null);
      ctx.addFinding(
          new Finding(
              name(),
              d.service(),
              d.service(),
              d.inbound() ? FaultClass.NETWORK_LATENCY : null,
              d.summary(),
              d.weight(),
              null,
              List.of(ev),
              d.detail()));
    }
    List<String> services = new ArrayList<>(slow.stream().map(Slow::service).toList());
    delayed.stream().map(Slow::service).filter(x -> !services.contains(x)).forEach(services::add);
    return new Output(!services.isEmpty(), List.copyOf(services));
  }

  /**
   * Services to which the delayed edges point ({@link EdgeDelays}): one entry per culprit, its
   * weight from the slowdown (incident over reference time outside the callee, per call) and the
   * share of its edges delayed. {@code inbound} marks a culprit some of whose callers' calls to it
   * are slow — time lost on the way to it, the signature of a network fault there — as against a
   * caller all of whose outgoing calls are slow (starved of CPU as much as of network).
   */
  private static List<Slow> edgeDelays(
      EdgeDelays delays, Observation<Span> inc, RecentWindows.Split split) {
    Map<String, List<EdgeDelays.Edge>> byCulprit = new java.util.LinkedHashMap<>();
    for (EdgeDelays.Edge e : delays.delayed()) {
      String culprit = delays.culprit(e.caller(), e.callee());
      byCulprit.computeIfAbsent(culprit, k -> new ArrayList<>()).add(e);
    }
    List<Slow> out = new ArrayList<>();
    for (var entry : byCulprit.entrySet()) {
      String svc = entry.getKey();
      List<EdgeDelays.Edge> edges = entry.getValue();
      boolean inbound = edges.stream().anyMatch(e -> e.callee().equals(svc));
      double ratio =
          edges.stream()
              .mapToDouble(e -> e.incidentMs() / Math.max(0.1, e.referenceMs()))
              .max()
              .orElse(1);
      double weight =
          Math.min(1, 0.4 + 0.1 * (Math.log(ratio) / Math.log(2))) * delays.coverage(svc);
      List<String> rows = new ArrayList<>();
      List<String> entities = new ArrayList<>(List.of(svc));
      for (EdgeDelays.Edge e : edges) {
        rows.add(
            String.format(
                Locale.ROOT,
                "%s -> %s: %.1f ms per call outside %s's span (%s %.1f ms), %d calls",
                e.caller(),
                e.callee(),
                e.incidentMs(),
                e.callee(),
                e.ownBaseline() ? "baseline" : "typical edge",
                e.referenceMs(),
                e.incidentCalls()));
        entities.add(e.caller());
        entities.add(e.callee());
      }
      String summary =
          String.format(
              Locale.ROOT,
              "%s: %d of its %d call edges are slow outside the callee's own spans (worst %s -> %s"
                  + " %.1f ms per call against %.1f ms); its neighbours' other edges are not%s",
              svc,
              delays.delayedEdges(svc),
              delays.edgesOf(svc),
              edges.get(0).caller(),
              edges.get(0).callee(),
              edges.get(0).incidentMs(),
              edges.get(0).referenceMs(),
              split.baseline().length().isZero()
                  ? " (no fault-free traces: compared with the typical edge of the incident)"
                  : "");
      out.add(
          new Slow(
              svc,
              Math.max(0.05, weight),
              summary,
              inc,
              rows,
              List.copyOf(entities),
              new FindingDetail.EdgeDelay(
                  edges.get(0).caller(),
                  edges.get(0).callee(),
                  edges.get(0).incidentMs(),
                  edges.get(0).referenceMs(),
                  edges.get(0).ownBaseline(),
                  delays.delayedEdges(svc),
                  delays.edgesOf(svc),
                  inbound),
              inbound));
    }
    return out;
  }

  /**
   * Services whose operations changed what they call per request ({@link CallPatternShifts}): one
   * entry per service, weighted by the summed size of its shifts (log2 of the rate change, a call
   * gone entirely counting about five), its rows the shifted pairs with their counts. No fault
   * class: a changed call pattern says the service's code took another path, not why.
   */
  private static List<Slow> callPatterns(
      List<CallPatternShifts.Shift> shifts, Observation<Span> inc) {
    List<Slow> out = new ArrayList<>();
    for (var e : CallPatternShifts.byService(shifts).entrySet()) {
      String svc = e.getKey();
      List<CallPatternShifts.Shift> mine = e.getValue();
      CallPatternShifts.Shift top = mine.get(0);
      double size = mine.stream().mapToDouble(CallPatternShifts.Shift::magnitude).sum();
      List<String> rows = new ArrayList<>();
      List<String> entities = new ArrayList<>(List.of(svc));
      for (CallPatternShifts.Shift x : mine) {
        rows.add(
            String.format(
                Locale.ROOT,
                "%s %s -> %s %s: %.2f calls per request (%d of %d) against %.2f in the baseline"
                    + " (%d of %d)",
                x.service(),
                x.operation(),
                x.childService(),
                x.childOperation(),
                x.incidentRate(),
                x.incidentCalls(),
                x.incidentParents(),
                x.baselineRate(),
                x.baselineCalls(),
                x.baselineParents()));
        if (!entities.contains(x.childService())) {
          entities.add(x.childService());
        }
      }
      String summary =
          String.format(
              Locale.ROOT,
              "%s: what %s calls per request changed (%s %s: %.2f per request, %.2f in the"
                  + " baseline)%s",
              svc,
              top.operation(),
              top.childService(),
              top.childOperation(),
              top.incidentRate(),
              top.baselineRate(),
              mine.size() > 1 ? "; " + (mine.size() - 1) + " more call(s) of it changed" : "");
      out.add(
          new Slow(
              svc,
              Math.min(1, 0.3 + 0.05 * size),
              summary,
              inc,
              rows,
              List.copyOf(entities),
              new FindingDetail.CallPatternShift(
                  top.operation(),
                  top.childService(),
                  top.childOperation(),
                  top.baselineRate(),
                  top.incidentRate(),
                  top.incidentParents(),
                  mine.size())));
    }
    return out;
  }

  /**
   * The median duration of whole requests, milliseconds: of the spans whose parent is not among
   * {@code spans} (roots, and the entry spans of traces whose caller was not traced, such as a load
   * generator's); 0 without any.
   */
  static double medianRootMs(List<Span> spans) {
    Set<String> ids = new HashSet<>(spans.size() * 2);
    spans.forEach(x -> ids.add(x.traceId() + "/" + x.spanId()));
    double[] d =
        spans.stream()
            .filter(x -> x.isRoot() || !ids.contains(x.traceId() + "/" + x.parentSpanId()))
            .mapToDouble(x -> x.duration().toNanos() / 1e6)
            .sorted()
            .toArray();
    return d.length == 0 ? 0 : d[d.length / 2];
  }

  /** A self-time shift adding this share of a typical request or more counts in full. */
  static final double MATERIAL_SHARE = 0.05;

  /** A service adding latency: what to say, and the observation and rows that back it. */
  private record Slow(
      String service,
      double weight,
      String summary,
      Observation<?> observation,
      List<String> rows,
      List<String> entities,
      FindingDetail detail,
      boolean inbound,
      double material) {
    Slow(
        String service,
        double weight,
        String summary,
        Observation<?> observation,
        List<String> rows,
        List<String> entities,
        FindingDetail detail,
        boolean inbound) {
      this(service, weight, summary, observation, rows, entities, detail, inbound, 1);
    }

    Slow(
        String service,
        double weight,
        String summary,
        Observation<?> observation,
        List<String> rows,
        List<String> entities,
        FindingDetail detail) {
      this(service, weight, summary, observation, rows, entities, detail, false);
    }
  }

  private static long total(List<SpanAggregate> aggregates) {
    return aggregates.stream().mapToLong(SpanAggregate::count).sum();
  }

  /**
   * The expert's self-time attribution over the raw spans; one finding per suspect, the largest.
   */
  private static List<Slow> fromSpans(
      InvestigationContext ctx, RecentWindows.Spans sp, List<Slow> delayed) {
    var base = ctx.agent().spans(new QueryIntent.Spans(List.of(), false, sp.split().baseline()));
    var inc = ctx.agent().spans(new QueryIntent.Spans(List.of(), false, sp.split().incident()));
    TraceExpert expert = ctx.experts().traces();
    delayed.addAll(edgeDelays(expert.edgeDelays(base.rows(), inc.rows()), inc, sp.split()));
    delayed.addAll(callPatterns(expert.callPatternShifts(base.rows(), inc.rows()), inc));
    List<SelfTimeShift> shifts = expert.latencyShifts(base.rows(), inc.rows());
    // A typical request of the baseline (a fault can make requests fail fast, so not the
    // incident's); the incident's when there is no baseline.
    double requestMs = medianRootMs(base.rows().isEmpty() ? inc.rows() : base.rows());
    List<Slow> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Finding f : expert.latencyFindings(shifts, MIN_CALL_GROWTH, MIN_CALL_ADDED_MS)) {
      if (f.service() == null || !seen.add(f.service())) {
        continue;
      }
      // The expert's evidence names the suspect, the operation's service and the operation.
      List<String> named = f.evidence().getFirst().entities();
      String opService = named.get(1);
      String operation = named.get(2);
      List<String> rows = new ArrayList<>();
      rows.add(f.summary());
      inc.rows().stream()
          .filter(x -> x.service().equals(opService) && x.operation().equals(operation))
          .sorted(Comparator.comparing(Span::duration).reversed())
          .limit(5)
          .forEach(
              x ->
                  rows.add(
                      "trace "
                          + x.traceId()
                          + " span "
                          + x.spanId()
                          + " "
                          + x.service()
                          + " "
                          + x.operation()
                          + " "
                          + x.duration().toMillis()
                          + " ms"));
      double material = 1;
      if (f.detail() instanceof FindingDetail.LatencyShift l && requestMs > 0) {
        // Shares are relative: the largest share of a negligible slowdown is still large. Scale by
        // how much of a typical request the shift adds (full weight from MATERIAL_SHARE on).
        material = Math.min(1, l.addedMsPerTrace() / (MATERIAL_SHARE * requestMs));
      }
      out.add(
          new Slow(
              f.service(), f.score(), f.summary(), inc, rows, named, f.detail(), false, material));
    }
    return out;
  }

  /** The expert's estimate from the per-operation aggregates, for windows too big to fetch. */
  private static List<Slow> fromAggregates(InvestigationContext ctx, RecentWindows.Spans sp) {
    Topology topo = ctx.memo("topology-view", () -> ctx.topologyProvider().get());
    List<Slow> out = new ArrayList<>();
    for (ServiceLatencyShift s :
        ctx.experts()
            .traces()
            .attributeLatency(
                sp.baselineStats().operations(), sp.incidentStats().operations(), topo)) {
      String summary =
          String.format(
                  Locale.ROOT,
                  "%s: p95 %.1f ms, baseline %.1f ms; %.1f ms added by the service itself, not its"
                      + " callees",
                  s.service(),
                  s.incidentP95Ms(),
                  s.baselineP95Ms(),
                  s.addedMs())
              + (s.slowestCallee() == null
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      " (slowest callee %s: +%.1f ms)",
                      s.slowestCallee(),
                      s.calleeShiftMs()));
      out.add(
          new Slow(
              s.service(),
              s.addedMs(),
              summary,
              sp.incident(),
              rows(summary, sp.incident().rows(), s),
              entities(s),
              new FindingDetail.ServiceLatencyShift(
                  s.baselineP95Ms(),
                  s.incidentP95Ms(),
                  s.addedMs(),
                  s.slowestCallee(),
                  s.slowestCallee() == null ? 0 : s.calleeShiftMs())));
    }
    return out;
  }

  /** The summary, then the incident aggregates of the service and its slowest callee. */
  private static List<String> rows(
      String summary, List<SpanAggregate> incident, ServiceLatencyShift s) {
    List<String> rows = new ArrayList<>();
    rows.add(summary);
    incident.stream()
        .filter(a -> a.service().equals(s.service()) || a.service().equals(s.slowestCallee()))
        .limit(20)
        .forEach(
            a ->
                rows.add(
                    String.format(
                        Locale.ROOT,
                        "%s %s: %d spans, %d failed, p95 %.1f ms",
                        a.service(),
                        a.operation(),
                        a.count(),
                        a.errors(),
                        a.p95Millis())));
    return rows;
  }

  private static List<String> entities(ServiceLatencyShift s) {
    List<String> out = new ArrayList<>();
    out.add(s.service());
    out.add(String.format(Locale.ROOT, "%.1f", s.incidentP95Ms()));
    out.add(String.format(Locale.ROOT, "%.1f", s.baselineP95Ms()));
    out.add(String.format(Locale.ROOT, "%.1f", s.addedMs()));
    if (s.slowestCallee() != null) {
      out.add(s.slowestCallee());
      out.add(String.format(Locale.ROOT, "%.1f", s.calleeShiftMs()));
    }
    return out;
  }
}

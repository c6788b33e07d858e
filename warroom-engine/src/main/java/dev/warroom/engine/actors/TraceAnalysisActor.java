package dev.warroom.engine.actors;

import dev.warroom.engine.agents.SpanAggregate;
import dev.warroom.experts.traces.ServiceLatencyShift;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.Finding;
import dev.warroom.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code trace_analysis}: latency attribution by the traces expert. A slow request is slow
 * somewhere: the service whose p95 grew by more than its slowest callee's grew adds the latency
 * itself, while its callers only wait ({@link
 * dev.warroom.experts.traces.AggregateLatencyAttribution}). The expert gets the per-operation
 * aggregates the store pushes down, not the raw spans: on gym bundles fetching the raw spans of the
 * windows costs 0.3 to 0.6 s per investigation against about 15 ms for the aggregates.
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
    SpanStats base = sp.baselineStats();
    SpanStats inc = sp.incidentStats();
    Topology topo = ctx.memo("topology-view", () -> ctx.topologyProvider().get());
    List<ServiceLatencyShift> slow =
        ctx.experts().traces().attributeLatency(base.operations(), inc.operations(), topo).stream()
            .filter(s -> in.services().isEmpty() || in.services().contains(s.service()))
            .toList();
    double top = slow.isEmpty() ? 1 : slow.get(0).addedMs();
    for (ServiceLatencyShift s : slow) {
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
      var ev =
          ctx.evidence()
              .add(
                  EvidenceKind.TRACE,
                  name(),
                  sp.incident(),
                  summary,
                  rows(summary, sp.incident().rows(), s),
                  entities(s),
                  null);
      double share = s.addedMs() / top;
      ctx.addFinding(
          new Finding(
              name(),
              s.service(),
              s.service(),
              null,
              summary,
              Math.min(1, 0.4 + 0.5 * share),
              null,
              List.of(ev)));
    }
    return new Output(!slow.isEmpty(), slow.stream().map(ServiceLatencyShift::service).toList());
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

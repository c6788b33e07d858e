package dev.warroom.engine.actors;

import dev.warroom.model.EvidenceKind;
import dev.warroom.model.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code trace_analysis}: latency attribution. A slow request is slow somewhere: the service whose
 * p95 grew by more than its slowest callee's grew adds the latency itself, while its callers only
 * wait (latency attribution over the call graph, as in MicroRank, Yu et al. 2021, and Jaeger's
 * critical path).
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

  /** Self-time must grow by this factor and by at least {@link #MIN_ADDED_MILLIS}. */
  static final double FACTOR = 1.5;

  static final double MIN_ADDED_MILLIS = 5;

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
    dev.warroom.model.Topology topo = ctx.memo("topology-view", () -> ctx.topologyProvider().get());
    record Slow(String service, double before, double after, double added) {}
    List<Slow> slow = new ArrayList<>();
    for (var e : inc.byService().entrySet()) {
      String s = e.getKey();
      if (!in.services().isEmpty() && !in.services().contains(s)) {
        continue;
      }
      double b = base.of(s).p95Millis();
      double a = e.getValue().p95Millis();
      if (b <= 0 || base.of(s).requests() < 20 || a < FACTOR * b || a - b < MIN_ADDED_MILLIS) {
        continue;
      }
      // Latency a service only passes on from a slower callee is not its own.
      double calleeShift = 0;
      for (String c : topo.calleesOf(s)) {
        if (inc.byService().containsKey(c) && base.of(c).p95Millis() > 0) {
          calleeShift = Math.max(calleeShift, inc.of(c).p95Millis() - base.of(c).p95Millis());
        }
      }
      double added = (a - b) - calleeShift;
      if (added >= MIN_ADDED_MILLIS && added >= 0.3 * (a - b)) {
        slow.add(new Slow(s, b, a, added));
      }
    }
    slow.sort(Comparator.comparingDouble(s -> -s.added()));
    double top = slow.isEmpty() ? 1 : slow.get(0).added();
    for (Slow s : slow) {
      String summary =
          String.format(
              Locale.ROOT,
              "%s: p95 %.1f ms, baseline %.1f ms; %.1f ms added by the service itself, not its callees",
              s.service(),
              s.after(),
              s.before(),
              s.added());
      var ev =
          ctx.evidence()
              .add(
                  EvidenceKind.TRACE,
                  name(),
                  sp.incident(),
                  summary,
                  List.of(summary),
                  List.of(
                      s.service(),
                      String.format(Locale.ROOT, "%.1f", s.after()),
                      String.format(Locale.ROOT, "%.1f", s.before()),
                      String.format(Locale.ROOT, "%.1f", s.added())),
                  null);
      double share = s.added() / top;
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
    return new Output(!slow.isEmpty(), slow.stream().map(Slow::service).toList());
  }
}

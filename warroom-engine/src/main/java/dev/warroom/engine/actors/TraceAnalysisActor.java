package dev.warroom.engine.actors;

import dev.warroom.model.EvidenceKind;
import dev.warroom.model.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code trace_analysis}: latency attribution. A slow request is slow somewhere; the service whose
 * own self-time (span duration minus its children's) grew is where the latency is added, while its
 * callers only wait (latency attribution by self-time shift, as in Jaeger's critical path and
 * MicroRank, Yu et al. 2021).
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
    SpanStats base = SpanStats.of(sp.baseline().rows());
    SpanStats inc = SpanStats.of(sp.incident().rows());
    record Slow(String service, double before, double after) {}
    List<Slow> slow = new ArrayList<>();
    for (var e : inc.byService().entrySet()) {
      if (!in.services().isEmpty() && !in.services().contains(e.getKey())) {
        continue;
      }
      double b = base.of(e.getKey()).selfMillis();
      double a = e.getValue().selfMillis();
      if (b > 0 && a >= FACTOR * b && a - b >= MIN_ADDED_MILLIS) {
        slow.add(new Slow(e.getKey(), b, a));
      }
    }
    slow.sort(Comparator.comparingDouble(s -> -(s.after() - s.before())));
    double top = slow.isEmpty() ? 1 : slow.get(0).after() - slow.get(0).before();
    for (Slow s : slow) {
      String summary =
          String.format(
              Locale.ROOT,
              "%s: mean self-time %.1f ms, baseline %.1f ms (x%.1f)",
              s.service(),
              s.after(),
              s.before(),
              s.after() / s.before());
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
                      String.format(Locale.ROOT, "%.1f", s.before())),
                  null);
      double share = (s.after() - s.before()) / top;
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

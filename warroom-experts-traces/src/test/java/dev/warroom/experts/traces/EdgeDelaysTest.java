package dev.warroom.experts.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.Span;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeDelaysTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  /**
   * One request: frontend calls every callee in turn, then checkout calls cart. Each client span
   * lasts the callee's 5 ms plus {@code gapMs(callee)} outside it. Spans carry no kind (as Zipkin
   * exports often do): the cross-service child makes the parent a client call.
   */
  private static List<Span> traces(int n, Map<String, Double> gapMs, String prefix) {
    List<Span> out = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      String trace = prefix + "t" + t;
      Instant s = T0.plusSeconds(t);
      out.add(span(trace, "root", null, "frontend", "GET /", s, 900));
      int k = 0;
      for (String callee : List.of("cart", "currency", "catalog", "ads")) {
        call(out, trace, "root", "frontend", callee, s.plusMillis(10 + 150L * k++), gapMs);
      }
      out.add(span(trace, "co", "root", "checkout", "PlaceOrder", s.plusMillis(700), 150));
      call(out, trace, "co", "checkout", "cart", s.plusMillis(710), gapMs);
    }
    return out;
  }

  private static void call(
      List<Span> out,
      String trace,
      String parent,
      String caller,
      String callee,
      Instant at,
      Map<String, Double> gapMs) {
    double gap = gapMs.getOrDefault(caller + "->" + callee, 2.0);
    String id = parent + caller + callee;
    out.add(span(trace, id, parent, caller, callee + "/Call", at, (long) (5 + gap)));
    out.add(span(trace, id + "s", id, callee, callee + "/Call", at.plusMillis((long) gap / 2), 5));
  }

  private static Span span(
      String trace, String id, String parent, String svc, String op, Instant at, long ms) {
    return new Span(
        trace,
        id,
        parent,
        svc,
        op,
        SpanKind.INTERNAL,
        at,
        Duration.ofMillis(ms),
        SpanStatus.OK,
        Map.of(),
        List.of());
  }

  private static EdgeDelays delays(List<Span> baseline, List<Span> incident) {
    return EdgeDelays.of(new TraceIndex(baseline), new TraceIndex(incident));
  }

  @Test
  void blamesTheCalleeAllOfWhoseInboundEdgesAreSlowWithoutABaseline() {
    // A network delay on cart: both of its callers' calls to it lose 200 ms; nothing else does.
    var d =
        delays(List.of(), traces(20, Map.of("frontend->cart", 200.0, "checkout->cart", 200.0), ""));

    assertThat(d.delayed()).extracting(EdgeDelays.Edge::callee).containsOnly("cart");
    assertThat(d.culprit("frontend", "cart")).isEqualTo("cart");
    assertThat(d.culprit("checkout", "cart")).isEqualTo("cart");
    assertThat(d.coverage("cart")).isEqualTo(1.0);
    assertThat(d.coverage("frontend")).isLessThan(0.5);
    assertThat(d.delayed().getFirst().ownBaseline()).isFalse();
  }

  @Test
  void blamesTheCallerAllOfWhoseOutboundCallsAreSlow() {
    // A CPU-starved frontend: every call it makes is slow to be sent and read; checkout is fine.
    var gaps =
        Map.of(
            "frontend->cart", 90.0,
            "frontend->currency", 90.0,
            "frontend->catalog", 90.0,
            "frontend->ads", 90.0);
    var d = delays(traces(20, Map.of(), "b"), traces(20, gaps, ""));

    assertThat(d.culprit("frontend", "ads")).isEqualTo("frontend");
    assertThat(d.culprit("frontend", "cart")).isEqualTo("frontend");
    assertThat(d.culprit("checkout", "cart")).isNull();
    assertThat(d.delayed()).allMatch(EdgeDelays.Edge::ownBaseline);
  }

  @Test
  void findsNoDelayWhenTheIncidentLooksLikeTheBaseline() {
    var d = delays(traces(20, Map.of(), "b"), traces(20, Map.of(), ""));

    assertThat(d.edges()).hasSize(5);
    assertThat(d.delayed()).isEmpty();
  }

  @Test
  void latencyShiftOfASlowEdgeIsChargedToTheCulpritNotTheCaller() {
    var gaps = Map.of("frontend->cart", 200.0, "checkout->cart", 200.0);
    List<SelfTimeShift> shifts =
        TraceExpert.withDefaults().latencyShifts(traces(20, Map.of(), "b"), traces(20, gaps, ""));

    assertThat(shifts.getFirst().shiftMsPerTrace()).isGreaterThan(100);
    assertThat(shifts.getFirst().suspect()).isEqualTo("cart");
  }
}

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

class CallPatternShiftsTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  /**
   * {@code n} requests: frontend's GET / calls ads' GetAds, which calls its own pickAds step on
   * every request when {@code adsPick} holds; frontend also calls cart on every second request.
   */
  private static List<Span> requests(int n, String prefix, boolean adsPick, boolean cart) {
    List<Span> out = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      String trace = prefix + t;
      Instant s = T0.plusSeconds(t);
      out.add(span(trace, "r", null, "frontend", "GET /", s));
      out.add(span(trace, "a", "r", "ads", "GetAds", s));
      if (adsPick) {
        out.add(span(trace, "p", "a", "ads", "pickAds", s));
      }
      if (cart && t % 2 == 0) {
        out.add(span(trace, "c", "r", "cart", "GetCart", s));
      }
    }
    return out;
  }

  private static Span span(
      String trace, String id, String parent, String svc, String op, Instant at) {
    return new Span(
        trace,
        id,
        parent,
        svc,
        op,
        SpanKind.INTERNAL,
        at,
        Duration.ofMillis(5),
        SpanStatus.UNSET,
        Map.of(),
        List.of());
  }

  @Test
  void aHabitualCallThatVanishesIsChargedToTheServiceThatMadeIt() {
    List<CallPatternShifts.Shift> shifts =
        CallPatternShifts.of(requests(200, "b", true, true), requests(100, "i", false, true));
    assertThat(shifts).hasSize(1);
    CallPatternShifts.Shift s = shifts.get(0);
    assertThat(s.service()).isEqualTo("ads");
    assertThat(s.operation()).isEqualTo("GetAds");
    assertThat(s.childOperation()).isEqualTo("pickAds");
    assertThat(s.baselineRate()).isEqualTo(1.0);
    assertThat(s.incidentRate()).isZero();
    assertThat(CallPatternShifts.byService(shifts)).containsOnlyKeys("ads");
  }

  @Test
  void aNewCallIsAShiftTooAndTheSameShapeIsNone() {
    assertThat(
            CallPatternShifts.of(requests(200, "b", true, false), requests(100, "i", true, true)))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.service()).isEqualTo("frontend");
              assertThat(s.childService()).isEqualTo("cart");
              assertThat(s.incidentRate()).isEqualTo(0.5);
            });
    assertThat(CallPatternShifts.of(requests(200, "b", true, true), requests(100, "i", true, true)))
        .isEmpty();
  }

  @Test
  void tooFewCallsOrASmallChangeIsNoise() {
    // Ten parents in the baseline: below the floor, however clear the change.
    assertThat(CallPatternShifts.of(requests(10, "b", true, true), requests(100, "i", false, true)))
        .isEmpty();
    // Half of the incident's requests still call pickAds: a factor 2 would count, but 0.8 of them
    // does not.
    List<Span> inc = new ArrayList<>(requests(80, "i", true, true));
    inc.addAll(requests(20, "j", false, true));
    assertThat(CallPatternShifts.of(requests(200, "b", true, true), inc)).isEmpty();
  }
}

package dev.warroom.experts.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.TimeWindow;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChangeRankerTest {
  @Test
  void ranksInjectedLevelShiftsAboveUnchangedSeries() {
    long start = 1_700_000_000_000L;
    int points = 1440;
    int shiftAt = 1200;
    List<MetricSeries> series =
        SyntheticSeries.generate(
            new SplittableRandom(5), 500, points, start, 60_000, 50, shiftAt, 40);
    Instant onset = Instant.ofEpochMilli(start + shiftAt * 60_000L);
    TimeWindow incident =
        new TimeWindow(onset.minusSeconds(600), Instant.ofEpochMilli(start + points * 60_000L));
    List<ChangeRanker.RankedChange> ranked = ChangeRanker.rank(series, incident, onset);
    assertThat(ranked).hasSize(500);
    assertThat(ranked.subList(0, 10))
        .allSatisfy(
            c -> {
              assertThat(Integer.parseInt(c.component().substring(4)) % 50).isZero();
              assertThat(c.direction()).isEqualTo(Direction.UP);
            });
    assertThat(ranked.get(0).score()).isGreaterThan(ranked.get(499).score());
  }

  @Test
  void ranksCountersByTheirRateNotTheirEverGrowingValue() {
    long start = 1_700_000_000_000L;
    int points = 600;
    int onsetAt = 500;
    SplittableRandom r = new SplittableRandom(9);
    long[] ts = new long[points];
    double[] steady = new double[points];
    double[] faster = new double[points];
    for (int i = 0; i < points; i++) {
      ts[i] = start + i * 15_000L;
      double step = 15 * (10 + r.nextGaussian());
      steady[i] = (i == 0 ? 0 : steady[i - 1]) + step;
      // requests per second triple after the onset, with a process restart (reset) at 300
      double rate = i >= onsetAt ? 3 : 1;
      faster[i] = i == 300 ? step : (i == 0 ? 0 : faster[i - 1]) + rate * step;
    }
    Instant onset = Instant.ofEpochMilli(ts[onsetAt]);
    TimeWindow incident =
        new TimeWindow(onset.minusSeconds(600), Instant.ofEpochMilli(ts[points - 1] + 1));
    List<ChangeRanker.RankedChange> ranked =
        ChangeRanker.rank(
            List.of(
                new MetricSeries(SeriesKey.of("http_requests_total", "service", "a"), ts, steady),
                new MetricSeries(SeriesKey.of("http_requests_total", "service", "b"), ts, faster)),
            incident,
            onset);
    assertThat(ranked.get(0).service()).isEqualTo("b");
    // as a raw value the steady counter's every new point is above all its history
    assertThat(ranked.get(1).deviation()).as("steady counter's rate").isLessThan(5);
    assertThat(ranked.get(0).deviation()).isGreaterThan(10);
  }

  @Test
  void mapsSeriesToTheMostSpecificComponentLabel() {
    assertThat(ChangeRanker.componentOf(SeriesKey.of("x", "service", "cart", "pod", "cart-7")))
        .isEqualTo("cart-7");
    assertThat(
            ChangeRanker.componentOf(
                SeriesKey.of("x", "service", "cart", "instance", "10.0.0.1:9100")))
        .isEqualTo("10.0.0.1:9100");
    assertThat(ChangeRanker.componentOf(SeriesKey.of("x", "service", "cart"))).isEqualTo("cart");
    assertThat(ChangeRanker.componentOf(SeriesKey.of("node_load1"))).isEqualTo("node_load1");
  }
}

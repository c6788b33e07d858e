package dev.warroom.experts.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class RobustServiceRankingTest {
  private static final int BEFORE = 120;
  private static final int AFTER = 20;

  /** Noise around {@code level}; after the onset shifted by {@code shift}. */
  private static MetricSeries[] series(
      String name, String pod, double level, double noise, double shift, RandomGenerator rnd) {
    SeriesKey key = SeriesKey.of(name, "pod", pod);
    long[] tb = new long[BEFORE];
    double[] vb = new double[BEFORE];
    for (int i = 0; i < BEFORE; i++) {
      tb[i] = i * 15_000L;
      vb[i] = level + noise * rnd.nextGaussian();
    }
    long[] ta = new long[AFTER];
    double[] va = new double[AFTER];
    for (int i = 0; i < AFTER; i++) {
      ta[i] = (BEFORE + i) * 15_000L;
      va[i] = level + shift + noise * rnd.nextGaussian();
    }
    return new MetricSeries[] {new MetricSeries(key, tb, vb), new MetricSeries(key, ta, va)};
  }

  @Test
  void culpritWithTheLargestScaledDeviationInAnUnknownMetricRanksFirst() {
    RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(42);
    List<MetricSeries> base = new ArrayList<>();
    List<MetricSeries> inc = new ArrayList<>();
    // The victim's raw change is larger (+40) but its noise is large too (σ 20): 2 σ.
    // The culprit's unknown-named series moves +3 on σ 0.2: 15 σ.
    for (MetricSeries[] s :
        List.of(
            series("qwz_k7", "frontend-6c9d8b7f5d-x7k2q", 500, 20, 40, rnd),
            series("qwz_k7", "payments-7f8d9c6b5d-bcdfg", 10, 0.2, 3, rnd),
            series("qwz_k7", "cart-5d8f7c9b6-x2kqz", 50, 1, 0, rnd),
            series("zz_gauge", "cart-5d8f7c9b6-x2kqz", 5, 0.5, 0.5, rnd))) {
      base.add(s[0]);
      inc.add(s[1]);
    }
    List<RobustServiceRanking.RankedService> ranked =
        RobustServiceRanking.rank(base, inc, k -> SeriesIdentity.of(k, Set.of()).service(), 2);
    assertThat(ranked)
        .extracting(RobustServiceRanking.RankedService::service)
        .containsExactlyInAnyOrder("payments", "frontend", "cart");
    assertThat(ranked.get(0).service()).isEqualTo("payments");
    assertThat(ranked.get(0).top().get(0).key().name()).isEqualTo("qwz_k7");
    assertThat(ranked.get(0).top().get(0).direction()).isEqualTo(Direction.UP);
    assertThat(ranked.get(0).score()).isGreaterThan(2 * ranked.get(1).score());
    assertThat(
            ranked.stream().filter(r -> r.service().equals("cart")).findFirst().orElseThrow().top())
        .hasSize(2);
  }

  @Test
  void countersAreComparedAsRates() {
    // a counter growing 1/s before and after, with a much larger absolute value after: no change
    SeriesKey steady = SeriesKey.of("ops_total", "service", "steady");
    SeriesKey burst = SeriesKey.of("ops_total", "service", "burst");
    List<MetricSeries> base = new ArrayList<>();
    List<MetricSeries> inc = new ArrayList<>();
    for (SeriesKey k : List.of(steady, burst)) {
      long[] tb = new long[BEFORE];
      double[] vb = new double[BEFORE];
      for (int i = 0; i < BEFORE; i++) {
        tb[i] = i * 1000L;
        vb[i] = i + (i % 3) * 0.1;
      }
      long[] ta = new long[AFTER];
      double[] va = new double[AFTER];
      for (int i = 0; i < AFTER; i++) {
        ta[i] = (BEFORE + i) * 1000L;
        va[i] = k == burst ? BEFORE + 10.0 * (i + 1) : BEFORE + i + (i % 3) * 0.1;
      }
      base.add(new MetricSeries(k, tb, vb));
      inc.add(new MetricSeries(k, ta, va));
    }
    List<RobustServiceRanking.RankedService> ranked =
        RobustServiceRanking.rank(base, inc, SeriesKey::service, 1);
    assertThat(ranked.get(0).service()).isEqualTo("burst");
    assertThat(ranked.get(1).score()).as("a steady counter does not deviate").isLessThan(3);
  }

  @Test
  void rejectsNonPositiveTop() {
    assertThatThrownBy(() -> RobustServiceRanking.rank(List.of(), List.of(), k -> "s", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topPerService < 1");
  }
}

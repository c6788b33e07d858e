package dev.warroom.experts.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LevelShiftTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final SeriesKey KEY = SeriesKey.of("cpu_usage", "service", "cart");

  private static MetricSeries series(long startMillis, double... values) {
    long[] ts = new long[values.length];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = startMillis + i * 60_000L;
    }
    return new MetricSeries(KEY, ts, values);
  }

  /** 10, 11, 9, 10, 11, 9 ... : median 10, MAD 1, σ = 1.4826. */
  private static MetricSeries baseline() {
    double[] v = new double[30];
    for (int i = 0; i < v.length; i++) {
      v[i] = 10 + (i % 3 == 1 ? 1 : i % 3 == 2 ? -1 : 0);
    }
    return series(T0, v);
  }

  @Test
  void datesTheShiftAtTheFirstPointOfTheEarliestThreePointRun() {
    // point 2 is a lone spike (not a run); the shift starts at point 5
    MetricSeries incident = series(T0 + 3_600_000L, 10, 11, 40, 10, 9, 30, 31, 29, 30, 30);
    LevelShift s = LevelShift.of(baseline(), incident);

    assertThat(s.anomalous()).isTrue();
    assertThat(s.onset()).isEqualTo(Instant.ofEpochMilli(T0 + 3_600_000L + 5 * 60_000L));
    assertThat(s.baselineMedian()).isEqualTo(10.0);
    assertThat(s.incidentMedian()).isEqualTo(30.0);
    // (30 - 10) / (1.4826 * 1)
    assertThat(s.z()).isCloseTo(20 / 1.4826, within(1e-9));
    assertThat(s.sigma()).isCloseTo(1.4826, within(1e-9));
    assertThat(s.score()).isCloseTo(1 - Math.exp(-20 / 1.4826 / 10), within(1e-12));
  }

  @Test
  void reportsADropWithANegativeDeviation() {
    LevelShift s = LevelShift.of(baseline(), series(T0 + 3_600_000L, 10, 2, 1, 2, 2));

    assertThat(s.onset()).isEqualTo(Instant.ofEpochMilli(T0 + 3_600_000L + 60_000L));
    assertThat(s.z()).isNegative();
    assertThat(s.incidentMedian()).isEqualTo(2.0);
  }

  @Test
  void aRunThatChangesSideIsNoShift() {
    LevelShift s = LevelShift.of(baseline(), series(T0 + 3_600_000L, 30, 30, -10, -10, 30, 30));

    assertThat(s.anomalous()).isFalse();
    assertThat(s.z()).isZero();
    assertThat(s.score()).isZero();
    assertThat(s.sigma()).isNaN();
  }

  @Test
  void aFlatBaselineUsesOnePercentOfItsLevelAsTheSpread() {
    double[] flat = new double[20];
    java.util.Arrays.fill(flat, 100);
    // σ floor = 1 (1% of 100): 103 is 3σ (not enough), 105 is 5σ
    assertThat(LevelShift.of(series(T0, flat), series(T0, 103, 103, 103, 103)).anomalous())
        .isFalse();
    LevelShift s = LevelShift.of(series(T0, flat), series(T0, 105, 105, 105, 105));
    assertThat(s.z()).isCloseTo(5.0, within(1e-9));
  }

  @Test
  void aDiscreteSeriesMustMoveSeveralOfItsStepsNotJustChangeItsMajority() {
    // an open-connection count flipping between 1 and 2, mostly 1: MAD 0, median 1
    double[] b = new double[40];
    for (int i = 0; i < b.length; i++) {
      b[i] = i % 3 == 0 ? 2 : 1;
    }
    // in the incident 2 is the majority: the median moves by one step, which is not a shift
    assertThat(LevelShift.of(series(T0, b), series(T0, 2, 2, 1, 2, 2, 2, 1, 2)).anomalous())
        .isFalse();
    // a pool filling up to 10 is 9 steps: a shift
    LevelShift full = LevelShift.of(series(T0, b), series(T0, 1, 10, 10, 10, 10));
    assertThat(full.anomalous()).isTrue();
    assertThat(full.z()).isCloseTo(9.0, within(1e-9));
  }

  @Test
  void ignoresNonFiniteValuesAndGapsInTheBaselineSample() {
    double[] b = baseline().values();
    b[3] = Double.NaN;
    b[7] = Double.POSITIVE_INFINITY;
    // the same sample stitched from two far-apart parts: order and gaps do not matter
    long[] ts = baseline().timestampsMillis().clone();
    for (int i = 15; i < ts.length; i++) {
      ts[i] += 86_400_000L;
    }
    MetricSeries stitched = new MetricSeries(KEY, ts, b);
    LevelShift s = LevelShift.of(stitched, series(T0 + 2 * 86_400_000L, 30, 30, 30));
    assertThat(s.anomalous()).isTrue();
    assertThat(s.baselineMedian()).isEqualTo(10.0);
  }

  @Test
  void tooShortInputsGiveNoShift() {
    assertThat(LevelShift.of(series(T0, 1, 2, 3, 4), series(T0, 90, 90, 90)).anomalous()).isFalse();
    LevelShift s = LevelShift.of(baseline(), series(T0, 90, 90));
    assertThat(s.anomalous()).isFalse();
    assertThat(s.baselineMedian()).isNaN();
  }

  @Test
  void theExpertOffersTheSameTest() {
    MetricSeries incident = series(T0 + 3_600_000L, 30, 30, 30, 30);
    assertThat(MetricExpert.withDefaults().levelShift(baseline(), incident))
        .isEqualTo(LevelShift.of(baseline(), incident));
  }

  @Test
  void rejectsADeviationWithoutAnOnset() {
    assertThatThrownBy(() -> new LevelShift(null, 2.0, 1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("z must be 0 without an onset");
  }
}

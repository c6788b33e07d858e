package dev.warroom.engine.director;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OnsetEstimatorTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final Duration STEP = Duration.ofMinutes(1);

  /**
   * A 1-minute series of {@code n} points around 10 with noise; from minute {@code from} to {@code
   * to} (exclusive) it sits at {@code level} instead.
   */
  private static MetricSeries series(
      String name, int n, int from, int to, double level, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] ts = new long[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = T0.plus(STEP.multipliedBy(i)).toEpochMilli();
      v[i] = (i >= from && i < to ? level : 10) + r.nextDouble(-0.5, 0.5);
    }
    return new MetricSeries(SeriesKey.of(name, "pod", name + "-1"), ts, v);
  }

  private static Instant minute(double m) {
    return T0.plusSeconds((long) (m * 60));
  }

  private static List<MetricSeries> changed(int count, int from, int to, int n) {
    List<MetricSeries> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      out.add(series("m" + k, n, from, to, 40 + 5 * k, k));
    }
    for (int k = 0; k < 10; k++) {
      out.add(series("quiet" + k, n, n, n, 10, 100 + k));
    }
    return out;
  }

  @Test
  void findsTheOnsetWhenTheAlertFiresWithIt() {
    var e = OnsetEstimator.estimate(changed(5, 60, 90, 90), minute(60));

    assertThat(e.onset()).isBetween(minute(59), minute(60));
    assertThat(e.changedSeries()).isEqualTo(5);
  }

  @Test
  void findsTheOnsetWhenTheAlertFiresMinutesLater() {
    var e = OnsetEstimator.estimate(changed(5, 60, 90, 90), minute(68));

    assertThat(e.onset()).isBetween(minute(59), minute(60));
  }

  @Test
  void ignoresAnEarlierIncidentThatRecoveredBeforeTheAlert() {
    List<MetricSeries> s = new ArrayList<>(changed(4, 60, 90, 90));
    // an earlier fault on other series, from minute 45 to 52, gone by the alert
    for (int k = 0; k < 6; k++) {
      s.add(series("earlier" + k, 90, 45, 52, 80, 50 + k));
    }
    var e = OnsetEstimator.estimate(s, minute(61));

    assertThat(e.onset()).isBetween(minute(59), minute(60));
  }

  @Test
  void estimatesNothingWhenNoSeriesChanges() {
    var e = OnsetEstimator.estimate(changed(0, 0, 0, 90), minute(60));

    assertThat(e.onset()).isNull();
    assertThat(e.how()).contains("no clear change point");
  }

  @Test
  void priorFavoursChangesNearTheAlert() {
    long a = minute(60).toEpochMilli();
    assertThat(OnsetEstimator.prior(minute(59).toEpochMilli(), a)).isEqualTo(1.0);
    assertThat(OnsetEstimator.prior(minute(50).toEpochMilli(), a))
        .isGreaterThan(OnsetEstimator.prior(minute(40).toEpochMilli(), a));
  }

  @Test
  void windowStartsBeforeTheEstimatedOnsetAndEndsBeforeLaterFaultFreeData() {
    var alert =
        new dev.warroom.model.Alert(
            "f",
            dev.warroom.model.AlertSource.GENERIC,
            dev.warroom.model.AlertStatus.FIRING,
            "t",
            "latency",
            "frontend",
            "critical",
            Map.of(),
            Map.of(),
            minute(60),
            null);
    var inv =
        new dev.warroom.engine.agents.DataInventory(
            10,
            0,
            0,
            0,
            0,
            false,
            new java.util.TreeSet<>(),
            new dev.warroom.model.TimeWindow(minute(0), minute(60 * 5)));
    var w = Director.windowOf(alert, null, inv, minute(55));

    assertThat(w.start()).isEqualTo(minute(55).minus(Director.MARGIN));
    assertThat(w.end()).isEqualTo(minute(60).plus(Director.TAIL));
  }
}

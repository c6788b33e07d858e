package dev.warroom.experts.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.Finding;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesChart;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricExpertTest {
  private static final long T0 = 1_700_000_000_000L;

  private static MetricSeries series(String pod, int at, double shift) {
    int n = 288 * 6;
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = T0 + i * 300_000L;
    }
    double[] v = StreamingDetectorTest.seasonal(pod.hashCode(), at, shift);
    return new MetricSeries(SeriesKey.of("latency_ms", "service", "cart", "pod", pod), ts, v);
  }

  private static TimeWindow incident() {
    return TimeWindow.of(Instant.ofEpochMilli(T0 + 288 * 5 * 300_000L), Duration.ofHours(6));
  }

  @Test
  void detectsOnsetDirectionAndMagnitudeOfAKnownDrop() {
    int at = 288 * 5 + 20;
    Optional<Anomaly> a = MetricExpert.withDefaults().detect(series("cart-1", at, -12), incident());
    assertThat(a).isPresent();
    assertThat(a.get().direction()).isEqualTo(Direction.DOWN);
    long onsetIndex = (a.get().onset().toEpochMilli() - T0) / 300_000L;
    assertThat(onsetIndex).isBetween((long) at - 2, (long) at + 3);
    assertThat(a.get().magnitude()).isBetween(-40.0, -6.0);
    assertThat(a.get().score()).isGreaterThan(0.5);
  }

  @Test
  void findsNothingInAQuietSeries() {
    assertThat(
            MetricExpert.withDefaults().detect(series("cart-2", Integer.MAX_VALUE, 0), incident()))
        .isEmpty();
  }

  @Test
  void findingCarriesAChartWithTheFourDayBandAndTheAnomalousWindow() {
    List<Finding> findings =
        MetricExpert.withDefaults()
            .findings(
                List.of(series("cart-3", 288 * 5 + 30, 25), series("cart-4", Integer.MAX_VALUE, 0)),
                incident());
    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.expert()).isEqualTo("metrics");
    assertThat(f.service()).isEqualTo("cart");
    assertThat(f.component()).isEqualTo("cart-3");
    SeriesChart chart = f.evidence().get(0).chart();
    assertThat(chart.bandLabel()).isEqualTo("calculated from the past 4 days");
    assertThat(chart.highlight().start()).isEqualTo(f.onset());
    assertThat(chart.values().length).isEqualTo(chart.bandUpper().length).isGreaterThan(100);
    assertThat(f.summary()).contains("rose");
  }
}

package dev.warroom.engine.actors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricScanTest {
  private static final SeriesKey KEY = SeriesKey.of("threads", "service", "cart");
  private static final long DAY = 86_400_000L;

  private static MetricSeries part(long start, double... values) {
    long[] ts = new long[values.length];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = start + i * 60_000L;
    }
    return new MetricSeries(KEY, ts, values);
  }

  @Test
  void stitchesPartsFetchedNewestFirstInTimeOrderKeepingEveryEarlierDay() {
    long t = 10 * DAY;
    // fetched as the scan fetches them: the recent hour first, then each earlier day
    MetricSeries recent = part(t, 5, 6, 7);
    MetricSeries dayBefore = part(t - DAY, 3, 4);
    MetricSeries twoDaysBefore = part(t - 2 * DAY, 1, 2);

    MetricSeries s = MetricScan.stitch(KEY, List.of(recent, dayBefore, twoDaysBefore));

    assertThat(s.values()).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(s.timestampAt(0)).isEqualTo(t - 2 * DAY);
    assertThat(s.timestampAt(6)).isEqualTo(t + 120_000L);
  }

  @Test
  void overlappingPartsKeepOneCopyOfEachTimestamp() {
    long t = 10 * DAY;
    MetricSeries s = MetricScan.stitch(KEY, List.of(part(t + 60_000L, 9, 9), part(t, 1, 2, 3)));

    assertThat(s.values()).containsExactly(1, 2, 3);
  }

  @Test
  void consumerLagBelongsToTheConsumerGroupWhenItIsAService() {
    SeriesKey lag =
        SeriesKey.of(
            "kafka_consumergroup_lag",
            Map.of("service", "events-bus", "consumergroup", "loyalty", "topic", "orders"));

    assertThat(MetricScan.consumerGroup(lag, Set.of("loyalty", "events-bus")::contains))
        .isEqualTo("loyalty");
    // a group that is no service of the system (a console consumer) leaves the series' own
    assertThat(MetricScan.consumerGroup(lag, Set.of("events-bus")::contains)).isNull();
    assertThat(MetricScan.consumerGroup(KEY, s -> true)).isNull();
  }
}

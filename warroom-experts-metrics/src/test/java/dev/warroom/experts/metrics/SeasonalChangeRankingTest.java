package dev.warroom.experts.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ChangeRanker} on gym bundles (4 days of 5-minute history with a two-peak daily load): the
 * morning ramp of a no-fault episode, seen against the same time on past days, must not rank like a
 * real fault's signal.
 */
class SeasonalChangeRankingTest {
  private static final long HOUR = 3_600_000L;

  @Test
  void morningRampWithoutAFaultScoresBelowARealFaultsSignal() {
    Episode control =
        new Gym().reset(1, Scenario.control(SystemCatalog.get("shop")).withTracesPerMinute(5));
    List<MetricSeries> all = control.bundle().metrics();
    MetricSeries load =
        all.stream()
            .filter(m -> m.key().name().equals("container_cpu_utilization_ratio"))
            .filter(m -> "frontend".equals(m.key().service()))
            .findFirst()
            .orElseThrow();
    long onset = steepestRiseOnLastFullDay(load);
    TimeWindow incident =
        new TimeWindow(Instant.ofEpochMilli(onset - HOUR), Instant.ofEpochMilli(onset + HOUR));
    List<MetricSeries> cut = cut(all, Long.MIN_VALUE, onset + HOUR);
    List<ChangeRanker.RankedChange> seasonal =
        ChangeRanker.rank(cut, incident, Instant.ofEpochMilli(onset));
    // the same ramp against the hour before it only (no past day to compare with)
    List<ChangeRanker.RankedChange> preOnset =
        ChangeRanker.rank(
            cut(List.of(load), onset - HOUR, onset + HOUR), incident, Instant.ofEpochMilli(onset));

    ChangeRanker.RankedChange rampSeasonal =
        seasonal.stream().filter(c -> c.key().equals(load.key())).findFirst().orElseThrow();
    assertThat(rampSeasonal.baseline()).isEqualTo(ChangeRanker.Baseline.SAME_TIME_PAST_DAYS);
    assertThat(preOnset.getFirst().baseline()).isEqualTo(ChangeRanker.Baseline.PRE_ONSET);
    assertThat(preOnset.getFirst().deviation())
        .as("the ramp alone is a large change against the hours before it")
        .isGreaterThan(2 * rampSeasonal.deviation());

    Episode fault =
        new Gym()
            .reset(
                1,
                Scenario.of(SystemCatalog.get("shop"), FaultType.CPU_HOG).withTracesPerMinute(5));
    Instant faultOnset = fault.truth().onset();
    Instant end = fault.bundle().metrics().get(0).points().getLast().timestamp().plusMillis(1);
    List<ChangeRanker.RankedChange> faultRanked =
        ChangeRanker.rank(
            fault.bundle().metrics(),
            new TimeWindow(faultOnset.minus(Duration.ofMinutes(10)), end),
            faultOnset);
    ChangeRanker.RankedChange root = faultRanked.getFirst();
    assertThat(root.service()).isEqualTo(fault.truth().rootCauseService());
    assertThat(seasonal.getFirst().score())
        .as("strongest change of the no-fault ramp (%s) vs the fault's", seasonal.getFirst().key())
        .isLessThan(root.score());
  }

  /** The onset on the last full day of history where the next hour's mean rises most. */
  private static long steepestRiseOnLastFullDay(MetricSeries s) {
    long[] ts = s.timestampsMillis();
    double[] v = s.values();
    long dayStart = ts[ts.length - 1] - 2 * SeasonalChange.DAY_MS;
    long best = -1;
    double bestRise = Double.NEGATIVE_INFINITY;
    for (long t = dayStart; t < dayStart + SeasonalChange.DAY_MS; t += 15 * 60_000L) {
      double rise = mean(ts, v, t, t + HOUR) - mean(ts, v, t - HOUR, t);
      if (rise > bestRise) {
        bestRise = rise;
        best = t;
      }
    }
    return best;
  }

  private static double mean(long[] ts, double[] v, long from, long to) {
    return Arrays.stream(indices(ts, from, to)).mapToDouble(i -> v[i]).average().orElse(0);
  }

  private static int[] indices(long[] ts, long from, long to) {
    return java.util.stream.IntStream.range(0, ts.length)
        .filter(i -> ts[i] >= from && ts[i] < to)
        .toArray();
  }

  private static List<MetricSeries> cut(List<MetricSeries> series, long from, long to) {
    List<MetricSeries> out = new ArrayList<>();
    for (MetricSeries s : series) {
      long[] ts = s.timestampsMillis();
      double[] v = s.values();
      int[] keep = indices(ts, from, to);
      if (keep.length > 0) {
        out.add(
            new MetricSeries(
                s.key(),
                Arrays.stream(keep).mapToLong(i -> ts[i]).toArray(),
                Arrays.stream(keep).mapToDouble(i -> v[i]).toArray()));
      }
    }
    return out;
  }
}

package dev.warroom.experts.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import dev.warroom.model.Finding;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics expert on Otrashi gym episodes with known root cause and onset. */
class GymMetricsTest {
  private static Episode episode(FaultType fault) {
    return new Gym().reset(1, Scenario.of(SystemCatalog.get("shop"), fault).withTracesPerMinute(5));
  }

  @Test
  void rankerAndExpertPointAtTheInjectedService() {
    for (FaultType fault : List.of(FaultType.CPU_HOG)) {
      Episode e = episode(fault);
      List<MetricSeries> metrics = e.bundle().metrics();
      Instant onset = e.truth().onset();
      Instant end = metrics.get(0).points().getLast().timestamp().plusMillis(1);
      TimeWindow incident = new TimeWindow(onset.minus(Duration.ofMinutes(10)), end);
      List<ChangeRanker.RankedChange> ranked = ChangeRanker.rank(metrics, incident, onset);
      List<String> top3 = ranked.stream().limit(3).map(ChangeRanker.RankedChange::service).toList();
      System.out.printf(
          "%s truth %s at %s; ranker top 3 %s%n",
          fault, e.truth().rootCauseService(), onset, ranked.subList(0, 3));
      // the expert looks closer at the series the ranker put first, as the engine does
      List<MetricSeries> top =
          ranked.stream()
              .limit(20)
              .map(
                  c ->
                      metrics.stream()
                          .filter(m -> m.key().equals(c.key()))
                          .findFirst()
                          .orElseThrow())
              .toList();
      List<Finding> findings = MetricExpert.withDefaults().findings(top, incident);
      findings.stream().limit(3).forEach(f -> System.out.println("  finding " + f.summary()));
      assertThat(top3).as(fault + " ranker top 3").contains(e.truth().rootCauseService());
      Finding onRoot =
          findings.stream()
              .filter(f -> e.truth().rootCauseService().equals(f.service()))
              .findFirst()
              .orElseThrow();
      assertThat(Duration.between(onset, onRoot.onset()).abs()).isLessThan(Duration.ofMinutes(2));
    }
  }
}

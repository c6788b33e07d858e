package dev.warroom.experts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.experts.topology.RankedComponent;
import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import dev.warroom.model.Span;
import dev.warroom.model.TimeWindow;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole mixture on Otrashi gym episodes of the shop system: telemetry before the fault's onset
 * is the baseline, the rest the incident; the true root-cause service must be among the top three
 * candidates. (On seed 1 of the seven faults tried while building this, it was top-1 once and top-3
 * every time: the ranking is not yet sharp.)
 */
class MixtureTest {
  private final Mixture mixture = Mixture.withDefaults();

  @ParameterizedTest
  @EnumSource(
      value = FaultType.class,
      names = {"CACHE_FAILURE", "NETWORK_LATENCY"})
  void ranksTheInjectedRootCauseAmongTheTopThree(FaultType fault) {
    Episode e =
        new Gym().reset(1, Scenario.of(SystemCatalog.get("shop"), fault).withTracesPerMinute(30));
    List<Span> spans = e.bundle().spans();
    Instant first = spans.stream().map(Span::start).min(Comparator.naturalOrder()).orElseThrow();
    Instant last = spans.stream().map(Span::end).max(Comparator.naturalOrder()).orElseThrow();
    Instant onset = e.truth().onset();
    Mixture.Investigation inv =
        mixture.investigate(
            e.bundle(),
            new TimeWindow(first, onset),
            new TimeWindow(onset, last.plusSeconds(1)),
            e.alert().service());
    List<String> top3 = inv.ranking().stream().limit(3).map(RankedComponent::component).toList();
    assertThat(top3).as(fault.name()).contains(e.truth().rootCauseService());
    assertThat(inv.findings()).extracting(f -> f.expert()).contains("traces", "metrics");
  }
}

package dev.warroom.experts.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import dev.warroom.model.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The traces expert on Otrashi gym episodes of the shop system: spans before the injected fault's
 * onset are the baseline, spans from it on the incident.
 */
class GymTracesTest {

  private static TraceAnalysis analyse(FaultType fault, long seed) {
    Episode e =
        new Gym()
            .reset(seed, Scenario.of(SystemCatalog.get("shop"), fault).withTracesPerMinute(60));
    List<Span> spans = e.bundle().spans();
    List<Span> baseline =
        spans.stream().filter(s -> s.start().isBefore(e.truth().onset())).toList();
    List<Span> incident =
        spans.stream().filter(s -> !s.start().isBefore(e.truth().onset())).toList();
    assertThat(baseline).isNotEmpty();
    assertThat(incident).isNotEmpty();
    return TraceExpert.withDefaults().analyze(baseline, incident);
  }

  private static String rootCause(FaultType fault, long seed) {
    return new Gym()
        .reset(seed, Scenario.of(SystemCatalog.get("shop"), fault).withTracesPerMinute(1))
        .truth()
        .rootCauseService();
  }

  @Test
  void attributesACodeRegressionToTheSlowService() {
    TraceAnalysis a = analyse(FaultType.PERFORMANCE_REGRESSION, 1);
    assertThat(a.latencyShifts().get(0).suspect())
        .isEqualTo(rootCause(FaultType.PERFORMANCE_REGRESSION, 1));
    assertThat(a.findings().get(0).service())
        .isEqualTo(rootCause(FaultType.PERFORMANCE_REGRESSION, 1));
  }

  @Test
  void attributesNetworkLatencyToTheCalleeNotTheCallersClientSpan() {
    TraceAnalysis a = analyse(FaultType.NETWORK_LATENCY, 1);
    assertThat(a.latencyShifts().get(0).suspect())
        .isEqualTo(rootCause(FaultType.NETWORK_LATENCY, 1));
  }

  @Test
  void locatesErrorsOfANullDereferenceInTheFailingService() {
    TraceAnalysis a = analyse(FaultType.NULL_DEREFERENCE, 1);
    assertThat(a.errorOrigins().get(0).suspect())
        .isEqualTo(rootCause(FaultType.NULL_DEREFERENCE, 1));
  }

  @Test
  void blamesTheUninstrumentedCacheBehindFailingClientSpans() {
    TraceAnalysis a = analyse(FaultType.CACHE_FAILURE, 1);
    String truth = rootCause(FaultType.CACHE_FAILURE, 1);
    assertThat(a.errorOrigins().get(0).suspect()).isEqualTo(truth);
    assertThat(a.serviceGraph().services()).contains(truth);
  }
}

package dev.warroom.experts.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import dev.warroom.model.Finding;
import dev.warroom.model.LogRecord;
import dev.warroom.model.TimeWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The logs expert on Otrashi gym episodes: logs before the bundle's window are the baseline, logs
 * inside it the incident; the top finding must name the injected fault and service.
 */
class GymLogsTest {

  static LogAnalysis analyse(Episode e) {
    // as the engine would: the incident is the 10 minutes before the alert onwards, the
    // baseline everything earlier in the bundle
    TimeWindow bundle = e.bundle().manifest().window();
    java.time.Instant cut = e.alert().startsAt().minus(java.time.Duration.ofMinutes(10));
    TimeWindow baselineWindow = new TimeWindow(bundle.start(), cut);
    TimeWindow incidentWindow = new TimeWindow(cut, bundle.end());
    List<LogRecord> logs = e.bundle().logs();
    return LogExpert.analyze(
        logs.stream().filter(r -> baselineWindow.contains(r.timestamp())).toList(),
        baselineWindow,
        logs.stream().filter(r -> incidentWindow.contains(r.timestamp())).toList(),
        incidentWindow);
  }

  @Test
  void namesArchitectureAndDnsFaultsFromContainerLogs() {
    for (FaultType fault : List.of(FaultType.WRONG_ARCHITECTURE, FaultType.DNS_FAILURE)) {
      Episode e =
          new Gym().reset(1, Scenario.of(SystemCatalog.get("shop"), fault).withTracesPerMinute(5));
      List<Finding> findings = analyse(e).findings();
      findings.stream()
          .limit(3)
          .forEach(f -> System.out.println(fault + " -> " + f.faultClass() + " " + f.summary()));
      assertThat(findings)
          .as(fault.name())
          .filteredOn(f -> f.faultClass() == e.truth().faultClass())
          .isNotEmpty()
          .first()
          .satisfies(f -> assertThat(f.service()).isEqualTo(e.truth().rootCauseService()));
    }
  }
}

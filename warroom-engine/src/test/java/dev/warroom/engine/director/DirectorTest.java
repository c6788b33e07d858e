package dev.warroom.engine.director;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.engine.agents.TelemetrySource;
import dev.warroom.model.FaultClass;
import dev.warroom.model.RcaReport;
import dev.warroom.model.Verdict;
import org.junit.jupiter.api.Test;

class DirectorTest {

  private static RcaReport investigate(boolean fault) {
    var bundle = SyntheticIncident.build(fault, 7);
    return Director.standard()
        .investigate(TelemetrySource.inMemory(bundle), bundle.alert(), null, "synthetic", null)
        .report();
  }

  @Test
  void blamesTheOomKilledDependencyNotTheAlertingService() {
    RcaReport r = investigate(true);
    System.out.println(r.summary());
    r.candidates().forEach(System.out::println);
    r.evidence().forEach(e -> System.out.println(e.id() + " " + e.source() + " " + e.summary()));
    assertThat(r.verdict()).isEqualTo(Verdict.ROOT_CAUSE_FOUND);
    assertThat(r.top().service()).isEqualTo("checkout");
    assertThat(r.top().faultClass()).isEqualTo(FaultClass.MEMORY_EXHAUSTION);
  }

  @Test
  void findsNoRootCauseInAControl() {
    RcaReport r = investigate(false);
    System.out.println(r.summary());
    r.candidates().forEach(System.out::println);
    r.evidence().forEach(e -> System.out.println(e.id() + " " + e.source() + " " + e.summary()));
    assertThat(r.verdict()).isEqualTo(Verdict.NO_FAULT);
    assertThat(r.candidates()).isEmpty();
  }
}

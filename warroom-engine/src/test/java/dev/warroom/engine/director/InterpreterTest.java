package dev.warroom.engine.director;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.engine.agents.TelemetrySource;
import dev.warroom.model.HypothesisStatus;
import dev.warroom.model.IncidentBundle;
import org.junit.jupiter.api.Test;

class InterpreterTest {
  private static final IncidentBundle BUNDLE = SyntheticIncident.build(true, 11);

  private static Investigation run(String runbook) {
    return Director.standard()
        .investigate(TelemetrySource.inMemory(BUNDLE), BUNDLE.alert(), null, "t", runbook);
  }

  @Test
  void prunesABranchWhoseRequireFailsAndBacktracksToTheNextByPrior() {
    Investigation inv =
        run(
            """
            runbook t "t" {
              step impact = impact_analysis(service: alert.service, window: alert.window)
              hypothesis "never" prior 0.9 {
                require len(impact.failing_services) > 100
                step unreachable = code_analysis(services: [])
              }
              hypothesis "errors" prior 0.5 {
                step errs = error_localization(services: impact.failing_services)
                require errs.found
              }
              conclude
            }
            """);
    RunTrace t = inv.trace();
    assertThat(t.branches()).extracting(RunTrace.Branch::title).containsExactly("never", "errors");
    assertThat(t.branches().get(0).status()).isEqualTo(HypothesisStatus.PRUNED);
    assertThat(t.branches().get(0).reason()).contains("len(impact.failing_services) > 100");
    assertThat(t.branches().get(1).status()).isEqualTo(HypothesisStatus.SUPPORTED);
    assertThat(t.steps()).extracting(RunTrace.StepRun::name).containsExactly("impact", "errs");
    assertThat(t.ending()).isEqualTo(RunTrace.Ending.CONCLUDED);
  }

  @Test
  void stopsWhenTheQueryBudgetIsSpentAndSaysSo() {
    Investigation inv =
        run(
            """
            runbook t "t" {
              budget queries 2
              step impact = impact_analysis(service: alert.service, window: alert.window)
              step infra = infra_analysis(services: [])
              step errs = error_localization(services: [])
            }
            """);
    assertThat(inv.trace().ending()).isEqualTo(RunTrace.Ending.BUDGET);
    assertThat(inv.trace().reason()).contains("query budget of 2 spent");
  }

  @Test
  void loopsOverAListBindingTheVariable() {
    Investigation inv =
        run(
            """
            runbook t "t" {
              for s in dependencies_of(alert.service) {
                step dep = trace_analysis(services: [s])
              }
            }
            """);
    assertThat(inv.trace().steps())
        .extracting(RunTrace.StepRun::actor)
        .containsExactly("trace_analysis");
  }

  @Test
  void picksTheRunbookOfTheAlertClass() {
    Investigation inv = run(null);
    assertThat(inv.runbookName()).isEqualTo("http_errors.wr");
    assertThat(AlertClass.of(BUNDLE.alert())).isEqualTo(AlertClass.ERROR_RATE);
  }
}

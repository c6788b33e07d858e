package dev.warroom.engine.director;

import static dev.warroom.engine.director.TestActors.actor;
import static dev.warroom.engine.director.TestActors.blame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.engine.actors.Actor;
import dev.warroom.engine.actors.ActorRegistry;
import dev.warroom.engine.agents.DialectProfile;
import dev.warroom.engine.agents.TelemetrySource;
import dev.warroom.model.Evidence;
import dev.warroom.model.HypothesisStatus;
import dev.warroom.model.IncidentBundle;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The interpreter's stop rules: the confidence budget, the query budget and the time budget. */
class StopRulesTest {
  private static final IncidentBundle BUNDLE = SyntheticIncident.build(true, 11);

  /** Any positive fused score maps to a probability near 1. */
  private static final Calibration EAGER = new Calibration(50, 0, 0, 0, 0);

  private final AtomicInteger lateRuns = new AtomicInteger();

  private List<Actor<?, ?>> actors() {
    return List.of(
        actor("accuse", (in, ctx) -> blame(ctx, "checkout", 1.0, "checkout is saturated")),
        actor(
            "late",
            (in, ctx) -> {
              lateRuns.incrementAndGet();
              return blame(ctx, "frontend", 0.2, "late evidence");
            }));
  }

  private static String runbook(String budget) {
    return """
        runbook t "t" {
          %s
          hypothesis "checkout" prior 0.9 {
            step a = accuse(services: [])
          }
          hypothesis "frontend" prior 0.1 {
            step l = late(services: [])
          }
        }
        """
        .formatted(budget);
  }

  private Investigation run(String runbook) {
    return TestActors.director(actors(), EAGER)
        .investigate(TelemetrySource.inMemory(BUNDLE), BUNDLE.alert(), null, "t", runbook);
  }

  @Test
  void stopsWhenTheTopCandidateReachesTheConfidenceBudgetAndSaysWhy() {
    int before = lateRuns.get();
    Investigation inv = run(runbook("budget confidence 0.8"));
    RunTrace t = inv.trace();
    assertThat(t.ending()).isEqualTo(RunTrace.Ending.CONFIDENCE);
    assertThat(t.steps()).extracting(RunTrace.StepRun::name).containsExactly("a");
    assertThat(lateRuns.get()).isEqualTo(before);
    RunTrace.Branch skipped = t.branches().get(1);
    assertThat(skipped.title()).isEqualTo("frontend");
    assertThat(skipped.status()).isEqualTo(HypothesisStatus.OPEN);
    assertThat(skipped.reason()).contains("confidence budget");
    Evidence record =
        inv.report().evidence().stream()
            .filter(e -> e.source().equals("interpreter"))
            .findFirst()
            .orElseThrow();
    assertThat(record.rows()).anyMatch(r -> r.startsWith("run ended: confidence"));
    assertThat(inv.report().evidence()).noneMatch(e -> e.summary().equals("late evidence"));
  }

  @Test
  void checksTheConfidenceBudgetAfterEveryStepNotOnlyAfterEachHypothesis() {
    int before = lateRuns.get();
    Investigation inv =
        TestActors.director(actors(), EAGER)
            .investigate(
                TelemetrySource.inMemory(BUNDLE),
                BUNDLE.alert(),
                null,
                "t",
                """
                runbook t "t" {
                  budget confidence 0.8
                  hypothesis "both" prior 0.9 {
                    step a = accuse(services: [])
                    step l = late(services: [])
                  }
                }
                """);
    RunTrace t = inv.trace();
    assertThat(t.ending()).isEqualTo(RunTrace.Ending.CONFIDENCE);
    assertThat(t.reason()).contains("after step a");
    assertThat(t.steps()).extracting(RunTrace.StepRun::name).containsExactly("a");
    assertThat(lateRuns.get()).isEqualTo(before);
    RunTrace.Branch both = t.branches().get(0);
    assertThat(both.status()).isEqualTo(HypothesisStatus.OPEN);
    assertThat(both.reason()).startsWith("not finished").contains("confidence budget");
  }

  @Test
  void runsEveryBranchWhenTheConfidenceBudgetIsNotReached() {
    Investigation inv =
        TestActors.director(actors(), new Calibration(0, 0, -5, 0, 0))
            .investigate(
                TelemetrySource.inMemory(BUNDLE),
                BUNDLE.alert(),
                null,
                "t",
                runbook("budget confidence 0.8"));
    assertThat(inv.trace().ending()).isEqualTo(RunTrace.Ending.COMPLETED);
    assertThat(inv.trace().steps()).extracting(RunTrace.StepRun::name).containsExactly("a", "l");
  }

  @Test
  void runsEveryBranchWithoutAConfidenceBudget() {
    Investigation inv = run(runbook(""));
    assertThat(inv.trace().ending()).isEqualTo(RunTrace.Ending.COMPLETED);
    assertThat(inv.trace().steps()).extracting(RunTrace.StepRun::name).containsExactly("a", "l");
  }

  @Test
  void stopsWhenTheQueryBudgetIsSpentMidBranchAndLeavesItOpen() {
    Investigation inv =
        TestActors.director(actors(), EAGER)
            .investigate(
                TelemetrySource.inMemory(BUNDLE),
                BUNDLE.alert(),
                null,
                "t",
                """
                runbook t "t" {
                  budget queries 3
                  hypothesis "errors" prior 0.9 {
                    step errs = error_localization(services: [])
                    step more = error_localization(services: [])
                    step infra = infra_analysis(services: [])
                  }
                }
                """);
    assertThat(inv.trace().ending()).isEqualTo(RunTrace.Ending.BUDGET);
    assertThat(inv.trace().reason()).isEqualTo("query budget of 3 spent");
    assertThat(inv.trace().branches().get(0).status()).isEqualTo(HypothesisStatus.OPEN);
    assertThat(inv.trace().branches().get(0).reason()).startsWith("not finished: query budget");
    assertThat(inv.report().timingsMillis()).containsEntry("queries", 3L);
  }

  /** A clock that moves one second forward each time it is read. */
  private static final class TickingClock implements InstantSource {
    private Instant now = Instant.parse("2026-03-02T12:00:00Z");

    @Override
    public synchronized Instant instant() {
      now = now.plus(Duration.ofSeconds(1));
      return now;
    }
  }

  @Test
  void stopsWhenTheTimeBudgetIsSpent() {
    List<Actor<?, ?>> all = new ArrayList<>(ActorRegistry.standard().all());
    all.addAll(actors());
    Director d =
        new Director(new ActorRegistry(all), DialectProfile.defaults(), EAGER, new TickingClock());
    StringBuilder steps = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      steps.append("  step s").append(i).append(" = late(services: [])\n");
    }
    Investigation inv =
        d.investigate(
            TelemetrySource.inMemory(BUNDLE),
            BUNDLE.alert(),
            null,
            "t",
            "runbook t \"t\" {\n  budget seconds 10\n" + steps + "}\n");
    assertThat(inv.trace().ending()).isEqualTo(RunTrace.Ending.BUDGET);
    assertThat(inv.trace().reason()).isEqualTo("time budget of 10 s spent");
    assertThat(inv.trace().steps().size()).isBetween(1, 12);
  }
}

package dev.warroom.engine.director;

import static dev.warroom.engine.director.TestActors.actor;
import static dev.warroom.engine.director.TestActors.blame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.engine.actors.Actor;
import dev.warroom.engine.agents.TelemetrySource;
import dev.warroom.model.Evidence;
import dev.warroom.model.IncidentBundle;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParallelBlockTest {
  private static final IncidentBundle BUNDLE = SyntheticIncident.build(true, 11);

  /** Every candidate is reported, so the findings' evidence ids are visible in the report. */
  private static final Calibration REPORT_ALL = new Calibration(4.0, 3.0, -2.0, 0, 0);

  private static Investigation run(List<Actor<?, ?>> actors, String runbook) {
    // Without the learned model, so that REPORT_ALL decides which candidates are reported: this
    // test is about merging parallel branches, not about the shipped model's threshold.
    return TestActors.director(actors, REPORT_ALL)
        .withModel(null)
        .investigate(TelemetrySource.inMemory(BUNDLE), BUNDLE.alert(), null, "t", runbook);
  }

  private static boolean await(CountDownLatch l) {
    try {
      return l.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void runsTheBranchesOfAParallelBlockAtTheSameTime() {
    // Each actor releases the other's latch and then waits for its own: run one after the other,
    // the first would wait in vain and return false.
    CountDownLatch pingSeen = new CountDownLatch(1);
    CountDownLatch pongSeen = new CountDownLatch(1);
    List<Actor<?, ?>> actors =
        List.of(
            actor(
                "ping",
                (in, ctx) -> {
                  pingSeen.countDown();
                  return await(pongSeen);
                }),
            actor(
                "pong",
                (in, ctx) -> {
                  pongSeen.countDown();
                  return await(pingSeen);
                }));
    Investigation inv =
        run(
            actors,
            """
            runbook t "t" {
              parallel {
                step a = ping(services: [])
                step b = pong(services: [])
              }
              hypothesis "both met" {
                require a.ok and b.ok
              }
            }
            """);
    assertThat(inv.trace().steps()).extracting(RunTrace.StepRun::name).containsExactly("a", "b");
    assertThat(inv.trace().branches().get(0).reason()).isEqualTo("every requirement held");
  }

  private static final String SLOW_FAST =
      """
      runbook t "t" {
        step impact = impact_analysis(service: alert.service, window: alert.window)
        parallel {
          step s = slow(services: [])
          step f = fast(services: [])
        }
        step after = fast(services: [])
      }
      """;

  private static List<Actor<?, ?>> slowAndFast() {
    return List.of(
        actor(
            "slow",
            (in, ctx) -> {
              try {
                Thread.sleep(150);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return blame(ctx, "checkout", 0.9, "slow branch evidence");
            }),
        actor("fast", (in, ctx) -> blame(ctx, "frontend", 0.4, "fast branch evidence")));
  }

  @Test
  void mergesEvidenceInSourceOrderWhicheverBranchFinishesFirst() {
    Investigation inv = run(slowAndFast(), SLOW_FAST);
    List<Evidence> test =
        inv.report().evidence().stream().filter(e -> e.source().equals("test")).toList();
    assertThat(test)
        .extracting(Evidence::summary)
        .containsExactly("slow branch evidence", "fast branch evidence", "fast branch evidence");
    List<Integer> ids = test.stream().map(e -> Integer.parseInt(e.id().substring(1))).toList();
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    // The finding's evidence was re-pointed at the merged ids: no provisional id reaches the
    // report.
    assertThat(inv.report().candidates())
        .as("verdict %s", inv.report().verdict())
        .flatExtracting(c -> c.evidenceIds())
        .isNotEmpty()
        .allMatch(id -> id.matches("E\\d+"));
    RunTrace.StepRun s = inv.trace().steps().get(1);
    RunTrace.StepRun f = inv.trace().steps().get(2);
    assertThat(s.evidenceTo() - s.evidenceFrom()).isEqualTo(1);
    assertThat(f.evidenceFrom()).isEqualTo(s.evidenceTo());
    assertThat(inv.report().evidence().get(s.evidenceFrom()).summary())
        .isEqualTo("slow branch evidence");
  }

  @Test
  void givesTheSameReportOnEveryRun() {
    Investigation first = run(slowAndFast(), SLOW_FAST);
    for (int i = 0; i < 3; i++) {
      Investigation again = run(slowAndFast(), SLOW_FAST);
      // The interpreter's own record holds step times, which vary; everything else must not.
      assertThat(withoutRunRecord(again)).isEqualTo(withoutRunRecord(first));
      assertThat(again.report().candidates()).isEqualTo(first.report().candidates());
    }
  }

  private static List<Evidence> withoutRunRecord(Investigation inv) {
    return inv.report().evidence().stream().filter(e -> !e.source().equals("interpreter")).toList();
  }

  @Test
  void keepsTheOtherBranchesWhenOneFails() {
    List<Actor<?, ?>> actors =
        List.of(
            actor(
                "boom",
                (in, ctx) -> {
                  throw new IllegalStateException("source unreachable");
                }),
            actor("fast", (in, ctx) -> blame(ctx, "frontend", 0.4, "fast branch evidence")));
    Investigation inv =
        run(
            actors,
            """
            runbook t "t" {
              parallel {
                step bad = boom(services: [])
                step good = fast(services: [])
              }
              step after = fast(services: [])
              hypothesis "needs bad" {
                require bad.ok
              }
            }
            """);
    RunTrace t = inv.trace();
    assertThat(t.steps())
        .extracting(RunTrace.StepRun::name)
        .containsExactly("bad", "good", "after");
    assertThat(t.steps().get(0).error()).contains("source unreachable");
    assertThat(t.steps().get(1).error()).isEmpty();
    assertThat(t.ending()).isEqualTo(RunTrace.Ending.COMPLETED);
    assertThat(t.branches().get(0).reason()).contains("bad.ok").contains("did not run");
  }

  @Test
  void aFailedRequireInsideTheBlockPrunesTheEnclosingHypothesisAfterTheMerge() {
    Investigation inv =
        run(
            slowAndFast(),
            """
            runbook t "t" {
              hypothesis "guarded" {
                parallel {
                  step s = slow(services: [])
                  require 1 > 2
                }
                step never = fast(services: [])
              }
            }
            """);
    RunTrace.Branch b = inv.trace().branches().get(0);
    assertThat(b.status())
        .as("%s %s", b, inv.trace().steps())
        .isEqualTo(dev.warroom.model.HypothesisStatus.PRUNED);
    assertThat(b.reason()).contains("require 1 > 2 was false");
    assertThat(inv.trace().steps()).extracting(RunTrace.StepRun::name).containsExactly("s");
    assertThat(b.evidenceIds()).hasSize(1);
  }

  @Test
  void sharesOneQueryBudgetAcrossBranches() {
    Actor<?, ?> spender =
        actor(
            "spend3",
            (in, ctx) -> {
              for (int i = 0; i < 3; i++) {
                ctx.agent().budget().spendQuery();
              }
              return true;
            });
    Investigation inv =
        run(
            List.of(spender),
            """
            runbook t "t" {
              budget queries 5
              parallel {
                step a = spend3(services: [])
                step b = spend3(services: [])
              }
              step never = spend3(services: [])
            }
            """);
    assertThat(inv.trace().ending()).isEqualTo(RunTrace.Ending.BUDGET);
    assertThat(inv.trace().reason()).contains("query budget of 5 spent");
    assertThat(inv.trace().steps()).extracting(RunTrace.StepRun::name).doesNotContain("never");
    assertThat(inv.report().timingsMillis()).containsEntry("queries", 5L);
  }
}

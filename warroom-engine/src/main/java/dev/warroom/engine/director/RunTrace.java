package dev.warroom.engine.director;

import dev.warroom.model.HypothesisStatus;
import java.util.List;
import java.util.Objects;

/**
 * What running a runbook did: each step with its outcome, each hypothesis branch with its status
 * and why, and how the run ended.
 */
public record RunTrace(List<StepRun> steps, List<Branch> branches, Ending ending, String reason) {
  public RunTrace {
    steps = List.copyOf(steps);
    branches = List.copyOf(branches);
    Objects.requireNonNull(ending, "ending");
    reason = reason == null ? "" : reason;
  }

  /** How a run ended. */
  public enum Ending {
    COMPLETED,
    CONCLUDED,
    REQUIRE_FAILED,
    BUDGET,
    CONFIDENCE
  }

  /** One executed step; {@code error} is empty when it succeeded. */
  public record StepRun(
      String name, String actor, String error, long millis, int evidenceFrom, int evidenceTo) {}

  /**
   * One hypothesis branch: SUPPORTED when its body ran through, PRUNED with the failed {@code
   * require} (or step error) as reason, OPEN when the run stopped before reaching it.
   */
  public record Branch(
      String title,
      double prior,
      HypothesisStatus status,
      String reason,
      List<String> evidenceIds) {
    public Branch {
      evidenceIds = List.copyOf(evidenceIds);
    }
  }
}

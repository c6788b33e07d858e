package dev.warroom.model;

import java.util.List;
import java.util.Objects;

/**
 * A branch of the investigation: its statement, status, score, the evidence for or against it, and
 * why it was pruned or kept.
 */
public record Hypothesis(
    String id,
    String statement,
    HypothesisStatus status,
    double score,
    String reason,
    List<String> evidenceIds) {
  public Hypothesis {
    Checks.nonBlank(id, "id");
    Checks.nonBlank(statement, "statement");
    Objects.requireNonNull(status, "status");
    Checks.unitInterval(score, "score");
    reason = reason == null ? "" : reason;
    evidenceIds = evidenceIds == null ? List.of() : List.copyOf(evidenceIds);
  }
}

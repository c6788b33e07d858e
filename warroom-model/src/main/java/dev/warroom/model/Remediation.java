package dev.warroom.model;

import java.util.List;
import java.util.Objects;

/** One recommended action: mitigate now, or fix for good, with the evidence that motivates it. */
public record Remediation(Phase phase, String action, List<String> evidenceIds) {
  /** When to do it. */
  public enum Phase {
    MITIGATE,
    FIX
  }

  public Remediation {
    Objects.requireNonNull(phase, "phase");
    Checks.nonBlank(action, "action");
    evidenceIds = evidenceIds == null ? List.of() : List.copyOf(evidenceIds);
  }
}

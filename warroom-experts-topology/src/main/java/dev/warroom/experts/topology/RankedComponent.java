package dev.warroom.experts.topology;

import dev.warroom.model.FaultClass;
import dev.warroom.model.RootCauseCandidate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One component of a root-cause ranking.
 *
 * @param component the topology node
 * @param score the share of the random walk's stationary mass on this node, in [0,1]; the scores of
 *     one ranking sum to 1
 * @param anomaly the combined anomaly (metrics and direct evidence) fed to the walk, in [0,1]
 * @param faultClass the fault class named by the strongest direct finding that names one, or null
 *     when no finding about the component names a class (e.g. only metric anomalies, which are
 *     symptoms): the class is then unknown, which is not {@link FaultClass#NONE} ("no fault")
 * @param evidenceIds ids of the evidence of the findings about this component
 */
public record RankedComponent(
    String component,
    double score,
    double anomaly,
    FaultClass faultClass,
    List<String> evidenceIds) {
  public RankedComponent {
    if (component == null || component.isBlank()) {
      throw new IllegalArgumentException("blank component");
    }
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score not in [0,1]: " + score);
    }
    if (!(anomaly >= 0 && anomaly <= 1)) {
      throw new IllegalArgumentException("anomaly not in [0,1]: " + anomaly);
    }
    evidenceIds = evidenceIds == null ? List.of() : List.copyOf(evidenceIds);
  }

  /** The fault class, when a finding about this component names one; empty means unknown. */
  public Optional<FaultClass> knownFaultClass() {
    return Optional.ofNullable(faultClass);
  }

  /**
   * This entry as a report candidate at the given rank ({@code service} = the component), with
   * {@code whenUnknown} as its class when no finding named one: the caller decides what an unknown
   * class becomes (e.g. the class its own classifier infers from the symptoms), so that an
   * anomalous component is never reported as {@link FaultClass#NONE} by accident.
   *
   * @throws IllegalArgumentException when {@code whenUnknown} is null
   */
  public RootCauseCandidate toCandidate(int rank, FaultClass whenUnknown) {
    if (whenUnknown == null) {
      throw new IllegalArgumentException("whenUnknown: a fault class is required");
    }
    return new RootCauseCandidate(
        rank,
        component,
        component,
        Objects.requireNonNullElse(faultClass, whenUnknown),
        null,
        score,
        evidenceIds);
  }

  /** This entry as a report candidate only when its fault class is known. */
  public Optional<RootCauseCandidate> toCandidateIfClassKnown(int rank) {
    return knownFaultClass().map(fc -> toCandidate(rank, fc));
  }

  /**
   * This entry as a report candidate, an unknown class written as {@link FaultClass#NONE}.
   *
   * @deprecated NONE reads as "no fault" in reports and evaluation; use {@link #toCandidate(int,
   *     FaultClass)} or {@link #toCandidateIfClassKnown(int)}. Kept for existing callers.
   */
  @Deprecated
  public RootCauseCandidate toCandidate(int rank) {
    return toCandidate(rank, FaultClass.NONE);
  }
}

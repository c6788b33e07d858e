package dev.warroom.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A ranked root-cause candidate: the service, the component within it (pod, host, query,
 * file:line…), the fault class, the onset (null if unknown), the confidence (a probability in
 * [0,1]) and the ids of the evidence that supports it.
 */
public record RootCauseCandidate(
    int rank,
    String service,
    String component,
    FaultClass faultClass,
    Instant onset,
    double confidence,
    List<String> evidenceIds) {
  public RootCauseCandidate {
    if (rank < 1) {
      throw new IllegalArgumentException("rank < 1: " + rank);
    }
    Checks.nonBlank(service, "service");
    component = component == null || component.isBlank() ? service : component;
    Objects.requireNonNull(faultClass, "faultClass");
    Checks.unitInterval(confidence, "confidence");
    evidenceIds = evidenceIds == null ? List.of() : List.copyOf(evidenceIds);
  }
}

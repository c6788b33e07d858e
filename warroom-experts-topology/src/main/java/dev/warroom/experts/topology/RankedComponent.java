package dev.warroom.experts.topology;

import dev.warroom.model.FaultClass;
import dev.warroom.model.RootCauseCandidate;
import java.util.List;

/**
 * One component of a root-cause ranking.
 *
 * @param component the topology node
 * @param score the share of the random walk's stationary mass on this node, in [0,1]; the scores of
 *     one ranking sum to 1
 * @param anomaly the combined anomaly (metrics and direct evidence) fed to the walk, in [0,1]
 * @param faultClass the fault class the strongest direct finding names, or null
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

  /** This entry as a report candidate at the given rank ({@code service} = the component). */
  public RootCauseCandidate toCandidate(int rank) {
    return new RootCauseCandidate(
        rank,
        component,
        component,
        faultClass == null ? FaultClass.NONE : faultClass,
        null,
        score,
        evidenceIds);
  }
}

package dev.warroom.experts.events;

import dev.warroom.model.FaultClass;
import java.util.Objects;

/**
 * What one Kubernetes event says: the fault class it points to ({@code null} when it is a symptom
 * or routine, e.g. a failed readiness probe or a normal "Pulled"), how strongly ({@code weight} in
 * [0,1]) and why, in words an SRE recognises.
 */
public record KubernetesDiagnosis(FaultClass faultClass, double weight, String explanation) {
  public KubernetesDiagnosis {
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("weight not in [0,1]: " + weight);
    }
    Objects.requireNonNull(explanation, "explanation");
  }

  /** True when the event names a fault, not only a symptom. */
  public boolean isFault() {
    return faultClass != null && faultClass != FaultClass.NONE;
  }
}

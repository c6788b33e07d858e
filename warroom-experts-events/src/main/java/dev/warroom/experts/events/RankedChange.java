package dev.warroom.experts.events;

import dev.warroom.model.Event;
import java.time.Duration;
import java.util.Objects;

/**
 * A change with its score as an explanation of a symptom: {@code lead} is onset minus change time
 * (negative when the change came after the onset), {@code relation} how its service relates to the
 * alerting one, {@code hops} the dependency-graph distance (-1 when unrelated or unknown).
 */
public record RankedChange(
    Event change, double score, Duration lead, Relation relation, int hops, String reason) {
  public RankedChange {
    Objects.requireNonNull(change, "change");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score not in [0,1]: " + score);
    }
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(relation, "relation");
    Objects.requireNonNull(reason, "reason");
  }

  /** How the changed service relates to the symptomatic one. */
  public enum Relation {
    SAME_SERVICE,
    DEPENDENCY,
    DEPENDENT,
    SAME_HOST,
    UNRELATED,
    UNKNOWN
  }
}

package dev.warroom.server;

import java.time.Instant;
import java.util.Objects;

/**
 * A responder's verdict on a report: was the top root cause right, and if not, what was.
 *
 * @param trueRootCause the actual root cause in the responder's words, or null
 * @param comment free text, or null
 * @param givenBy who gave it: the name of the token used (directly or to sign in), or null for
 *     feedback stored before authors were recorded
 */
public record Feedback(
    String incidentId,
    boolean correct,
    String trueRootCause,
    String comment,
    Instant at,
    String givenBy) {
  public Feedback {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(at, "at");
  }
}

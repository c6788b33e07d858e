package dev.warroom.server;

import java.time.Instant;
import java.util.Objects;

/**
 * A responder's verdict on a report: was the top root cause right, and if not, what was.
 *
 * @param trueRootCause the actual root cause in the responder's words, or null
 * @param comment free text, or null
 */
public record Feedback(
    String incidentId, boolean correct, String trueRootCause, String comment, Instant at) {
  public Feedback {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(at, "at");
  }
}

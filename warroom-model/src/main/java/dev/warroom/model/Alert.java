package dev.warroom.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An alert that opens (or updates) an incident. {@code signal} is what was measured (latency,
 * error_rate, http_5xx, saturation, restarts, …; free text, normalised by the engine); {@code
 * service} is null when the alert names none; {@code endsAt} is null while it is firing with no
 * known end. {@code fingerprint} identifies the alert group across repeated notifications.
 */
public record Alert(
    String fingerprint,
    AlertSource source,
    AlertStatus status,
    String title,
    String signal,
    String service,
    String severity,
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt) {
  public Alert {
    Checks.nonBlank(fingerprint, "fingerprint");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(status, "status");
    Checks.nonBlank(title, "title");
    signal = signal == null ? "" : signal;
    service = Checks.blankToNull(service);
    severity = severity == null || severity.isBlank() ? "warning" : severity;
    labels = Checks.copy(labels);
    annotations = Checks.copy(annotations);
    Objects.requireNonNull(startsAt, "startsAt");
    if (endsAt != null && endsAt.isBefore(startsAt)) {
      throw new IllegalArgumentException("endsAt < startsAt: " + endsAt + " < " + startsAt);
    }
  }

  /** The window the alert covers; an open alert is taken to last until {@code now}. */
  public TimeWindow window(Instant now) {
    Instant end = endsAt != null ? endsAt : (now.isAfter(startsAt) ? now : startsAt);
    return new TimeWindow(startsAt, end);
  }
}

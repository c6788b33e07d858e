package dev.warroom.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A timestamped annotation on a span (an exception, a retry, a cache miss…). */
public record SpanEvent(Instant timestamp, String name, Map<String, String> attributes) {
  public SpanEvent {
    Objects.requireNonNull(timestamp, "timestamp");
    Checks.nonBlank(name, "name");
    attributes = Checks.copy(attributes);
  }
}

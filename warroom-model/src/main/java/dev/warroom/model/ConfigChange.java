package dev.warroom.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A configuration key of a service changed. Old and new values may be null (added or removed key).
 * {@code author} and {@code attributes} are optional.
 */
public record ConfigChange(
    Instant time,
    String service,
    String key,
    String oldValue,
    String newValue,
    String author,
    Map<String, String> attributes)
    implements Event {
  public ConfigChange {
    Objects.requireNonNull(time, "time");
    Checks.nonBlank(service, "service");
    Checks.nonBlank(key, "key");
    author = Checks.blankToNull(author);
    attributes = Checks.copy(attributes);
  }

  @Override
  public String describe() {
    return "config " + service + ": " + key + " " + oldValue + " -> " + newValue;
  }
}

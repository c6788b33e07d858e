package dev.warroom.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A feature flag was switched on or off. {@code author} and {@code attributes} are optional. */
public record FeatureFlagChange(
    Instant time,
    String service,
    String flag,
    boolean enabled,
    String author,
    Map<String, String> attributes)
    implements Event {
  public FeatureFlagChange {
    Objects.requireNonNull(time, "time");
    Checks.nonBlank(service, "service");
    Checks.nonBlank(flag, "flag");
    author = Checks.blankToNull(author);
    attributes = Checks.copy(attributes);
  }

  @Override
  public String describe() {
    return "feature flag " + flag + " " + (enabled ? "on" : "off") + " for " + service;
  }
}

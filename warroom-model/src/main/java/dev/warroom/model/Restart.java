package dev.warroom.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A service or one of its instances was restarted. {@code instance} may be null (the whole
 * service). {@code author} and {@code attributes} are optional.
 */
public record Restart(
    Instant time,
    String service,
    String instance,
    String reason,
    String author,
    Map<String, String> attributes)
    implements Event {
  public Restart {
    Objects.requireNonNull(time, "time");
    Checks.nonBlank(service, "service");
    instance = Checks.blankToNull(instance);
    reason = reason == null ? "" : reason;
    author = Checks.blankToNull(author);
    attributes = Checks.copy(attributes);
  }

  @Override
  public String describe() {
    return "restart "
        + (instance == null ? service : instance)
        + (reason.isEmpty() ? "" : ": " + reason);
  }
}

package dev.warroom.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** The replica count of a service changed. {@code author} and {@code attributes} are optional. */
public record Scaling(
    Instant time,
    String service,
    int fromReplicas,
    int toReplicas,
    String author,
    Map<String, String> attributes)
    implements Event {
  public Scaling {
    Objects.requireNonNull(time, "time");
    Checks.nonBlank(service, "service");
    if (fromReplicas < 0 || toReplicas < 0) {
      throw new IllegalArgumentException(
          "negative replicas: " + fromReplicas + " -> " + toReplicas);
    }
    author = Checks.blankToNull(author);
    attributes = Checks.copy(attributes);
  }

  @Override
  public String describe() {
    return "scale " + service + " " + fromReplicas + " -> " + toReplicas;
  }
}

package dev.warroom.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A Kubernetes Event ({@code kubectl get events -o json}): its reason (OOMKilled, BackOff,
 * FailedScheduling…), type (Normal or Warning), the object it is about, how often it occurred
 * between first and last seen, and the message. {@code service} is the owning service when known,
 * {@code host} the node when known.
 */
public record KubernetesEvent(
    String reason,
    String type,
    ObjectRef object,
    int count,
    Instant firstSeen,
    Instant lastSeen,
    String message,
    String service,
    String host)
    implements Event {
  public KubernetesEvent {
    Checks.nonBlank(reason, "reason");
    type = type == null || type.isBlank() ? "Normal" : type;
    Objects.requireNonNull(object, "object");
    if (count < 1) {
      throw new IllegalArgumentException("count < 1: " + count);
    }
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    if (lastSeen.isBefore(firstSeen)) {
      throw new IllegalArgumentException("lastSeen < firstSeen: " + lastSeen + " < " + firstSeen);
    }
    message = message == null ? "" : message;
    service = Checks.blankToNull(service);
    host = Checks.blankToNull(host);
  }

  @Override
  public Instant time() {
    return lastSeen;
  }

  public boolean isWarning() {
    return "Warning".equalsIgnoreCase(type);
  }

  @Override
  public String describe() {
    return reason + " " + object + (count > 1 ? " (x" + count + ")" : "") + ": " + message;
  }
}

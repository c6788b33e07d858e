package dev.warroom.store;

import dev.warroom.model.TimeWindow;
import java.util.Set;

/**
 * Selects events (Kubernetes events and changes) whose time is in the window, concerning the given
 * services, about the given object kind and name (Kubernetes events only), with the given reasons
 * (Kubernetes reason, or for changes their type: deploy, config, feature_flag, scaling, restart).
 * All optional (null or empty). Rows come back in time order.
 */
public record EventQuery(
    TimeWindow window,
    Set<String> services,
    String objectKind,
    String objectName,
    Set<String> reasons,
    int limit) {
  public static final int DEFAULT_LIMIT = 10_000;

  public EventQuery {
    services = services == null ? Set.of() : Set.copyOf(services);
    objectKind = objectKind == null || objectKind.isBlank() ? null : objectKind;
    objectName = objectName == null || objectName.isBlank() ? null : objectName;
    reasons = reasons == null ? Set.of() : Set.copyOf(reasons);
    if (limit < 1) {
      throw new IllegalArgumentException("limit < 1: " + limit);
    }
  }

  public static EventQuery all(TimeWindow window) {
    return new EventQuery(window, Set.of(), null, null, Set.of(), DEFAULT_LIMIT);
  }

  public EventQuery withServices(String... s) {
    return new EventQuery(window, Set.of(s), objectKind, objectName, reasons, limit);
  }

  public EventQuery withObject(String kind, String name) {
    return new EventQuery(window, services, kind, name, reasons, limit);
  }

  public EventQuery withReasons(String... r) {
    return new EventQuery(window, services, objectKind, objectName, Set.of(r), limit);
  }
}

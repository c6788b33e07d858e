package dev.warroom.model;

import java.util.Objects;

/** An incident under investigation: the alert that opened it and the window to look at. */
public record Incident(String id, Alert alert, TimeWindow window) {
  public Incident {
    Checks.nonBlank(id, "id");
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(window, "window");
  }
}

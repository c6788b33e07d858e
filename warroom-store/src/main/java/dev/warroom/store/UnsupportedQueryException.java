package dev.warroom.store;

import dev.warroom.model.WarroomException;

/**
 * Thrown by a {@link TelemetryStore} that cannot answer a kind of query at all (a metrics-only
 * connector asked for logs, a backend without a dependency API asked for one). The engine reports
 * that data as missing, naming the source and the reason, and goes on with what the other sources
 * answer; it is not an error of the investigation.
 */
public class UnsupportedQueryException extends WarroomException {
  private static final long serialVersionUID = 1L;

  public UnsupportedQueryException(String message) {
    super(message);
  }
}

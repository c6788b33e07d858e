package dev.warroom.server;

/** Where an incident's investigation stands. */
public enum IncidentState {
  /** Waiting for a worker (also after a restart that interrupted it). */
  QUEUED,
  /** A worker is investigating. */
  RUNNING,
  /** The report is stored. */
  DONE,
  /** The investigation threw; {@link Incident#error()} says why. */
  FAILED,
  /**
   * Poison: claimed the configured number of times without finishing (each worker that took it died
   * or lost its lease); left for a person, {@link Incident#error()} says so.
   */
  PARKED
}

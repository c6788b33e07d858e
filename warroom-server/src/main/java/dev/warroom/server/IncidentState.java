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
  FAILED
}

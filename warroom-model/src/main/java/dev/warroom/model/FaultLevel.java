package dev.warroom.model;

/** The layer a fault lives in. */
public enum FaultLevel {
  INFRASTRUCTURE,
  ORCHESTRATION,
  DATA,
  CODE,
  NONE
}

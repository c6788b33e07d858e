package dev.warroom.model;

/** The outcome of an investigation. */
public enum Verdict {
  ROOT_CAUSE_FOUND,
  INCONCLUSIVE,
  NO_FAULT
}

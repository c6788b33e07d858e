package dev.warroom.model;

/** Where a hypothesis stands after the investigation. */
public enum HypothesisStatus {
  OPEN,
  SUPPORTED,
  PRUNED
}

package dev.warroom.model;

/** What a piece of evidence is made of. */
public enum EvidenceKind {
  METRIC,
  LOG,
  TRACE,
  EVENT,
  CODE,
  DATABASE,
  TOPOLOGY,
  QUERY
}

package dev.warroom.model;

/** What a node of the topology is. */
public enum ComponentKind {
  SERVICE,
  DATABASE,
  CACHE,
  QUEUE,
  LOAD_BALANCER,
  EXTERNAL
}

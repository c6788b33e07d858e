package dev.warroom.model;

import java.time.Instant;

/**
 * Something that happened to the system at a point in time: a Kubernetes event or a change (deploy,
 * config change, feature-flag flip, scaling, restart). {@code service} is the service the event
 * concerns, or null when it concerns no single service (a node, the cluster).
 */
public sealed interface Event
    permits KubernetesEvent, Deploy, ConfigChange, FeatureFlagChange, Scaling, Restart {
  /** When it happened; for a Kubernetes event, its last occurrence. */
  Instant time();

  String service();

  /** A one-line human description. */
  String describe();
}

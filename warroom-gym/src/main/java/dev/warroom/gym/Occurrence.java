package dev.warroom.gym;

/**
 * Something the simulation did that Kubernetes or a deploy tool would report: a container OOMKilled
 * or crashing, a node going NotReady, a rollout, a config change, a rescale. {@link EventSynth}
 * turns these into events; {@code pod}/{@code node}/{@code service} are -1 when not applicable.
 */
record Occurrence(long time, Kind kind, int service, int pod, int node, String detail) {
  enum Kind {
    OOM_KILLED,
    CRASH,
    EXEC_FORMAT_ERROR,
    RESTARTED,
    NODE_NOT_READY,
    DISK_PRESSURE,
    UNHEALTHY,
    DEPLOY,
    CONFIG_CHANGE,
    RESCALE,
    SCALING_LIMITED
  }
}

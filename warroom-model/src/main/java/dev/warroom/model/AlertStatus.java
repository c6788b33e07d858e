package dev.warroom.model;

/** Whether the alert is still firing. */
public enum AlertStatus {
  FIRING,
  RESOLVED
}

package dev.warroom.model;

/** Where an alert came from. */
public enum AlertSource {
  ALERTMANAGER,
  PAGERDUTY,
  OPSGENIE,
  GENERIC
}

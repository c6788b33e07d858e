package dev.warroom.experts.metrics;

/** Which way a series moved away from its baseline. */
public enum Direction {
  UP,
  DOWN
}

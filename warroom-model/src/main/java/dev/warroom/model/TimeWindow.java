package dev.warroom.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open interval of time {@code [start, end)}. */
public record TimeWindow(Instant start, Instant end) {
  public TimeWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end < start: " + end + " < " + start);
    }
  }

  public static TimeWindow of(Instant start, Duration length) {
    return new TimeWindow(start, start.plus(length));
  }

  public Duration length() {
    return Duration.between(start, end);
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  public boolean overlaps(TimeWindow other) {
    return start.isBefore(other.end) && other.start.isBefore(end);
  }

  /** The window of the same length that ends where this one starts. */
  public TimeWindow preceding(Duration length) {
    return new TimeWindow(start.minus(length), start);
  }

  public TimeWindow span(TimeWindow other) {
    return new TimeWindow(
        start.isBefore(other.start) ? start : other.start,
        end.isAfter(other.end) ? end : other.end);
  }
}

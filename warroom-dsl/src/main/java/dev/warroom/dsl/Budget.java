package dev.warroom.dsl;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * {@code budget queries 60, seconds 20, confidence 0.9}: the most telemetry queries and wall-clock
 * seconds an investigation may spend, and the top-candidate confidence at which it may stop early.
 * Each is optional; the engine supplies its defaults for the ones left out.
 */
public record Budget(
    OptionalInt queries, OptionalDouble seconds, OptionalDouble confidence, Position position) {
  /** No budget clause. */
  public static final Budget NONE =
      new Budget(
          OptionalInt.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Position.NONE);

  public Budget {
    Objects.requireNonNull(queries, "queries");
    Objects.requireNonNull(seconds, "seconds");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(position, "position");
  }

  /** Whether no item is set. */
  public boolean isEmpty() {
    return queries.isEmpty() && seconds.isEmpty() && confidence.isEmpty();
  }
}

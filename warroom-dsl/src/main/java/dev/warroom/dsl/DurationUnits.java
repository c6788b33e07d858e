package dev.warroom.dsl;

import java.time.Duration;
import java.util.List;

/** Duration literal units ({@code 500ms 30s 5m 2h 4d}): parsing and canonical printing. */
final class DurationUnits {
  private record Unit(String suffix, Duration size) {}

  // Largest first, so printing picks the coarsest unit that divides the duration exactly.
  private static final List<Unit> UNITS =
      List.of(
          new Unit("d", Duration.ofDays(1)),
          new Unit("h", Duration.ofHours(1)),
          new Unit("m", Duration.ofMinutes(1)),
          new Unit("s", Duration.ofSeconds(1)),
          new Unit("ms", Duration.ofMillis(1)));

  private DurationUnits() {}

  static boolean isUnit(String suffix) {
    return UNITS.stream().anyMatch(u -> u.suffix.equals(suffix));
  }

  /** Parses text such as {@code 5m}; the lexer has already checked its shape. */
  static Duration parse(String text) {
    int i = 0;
    while (i < text.length() && Character.isDigit(text.charAt(i))) {
      i++;
    }
    long amount = Long.parseLong(text.substring(0, i));
    String suffix = text.substring(i);
    for (Unit u : UNITS) {
      if (u.suffix.equals(suffix)) {
        return u.size.multipliedBy(amount);
      }
    }
    throw new IllegalArgumentException("unknown duration unit: " + suffix);
  }

  /**
   * The canonical literal: the coarsest unit that divides {@code d} exactly ({@code 90s}, {@code
   * 2h}).
   */
  static String format(Duration d) {
    long millis = d.toMillis();
    for (Unit u : UNITS) {
      long size = u.size.toMillis();
      if (millis % size == 0) {
        return (millis / size) + u.suffix;
      }
    }
    return millis + "ms";
  }
}

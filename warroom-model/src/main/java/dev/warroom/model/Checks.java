package dev.warroom.model;

import java.util.Map;
import java.util.Objects;

/** Argument checks shared by the compact constructors of this package. */
final class Checks {
  private Checks() {}

  static String nonBlank(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException("blank " + field);
    }
    return value;
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  static <K, V> Map<K, V> copy(Map<K, V> map) {
    return map == null ? Map.of() : Map.copyOf(map);
  }

  static double unitInterval(double value, String field) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(field + " not in [0,1]: " + value);
    }
    return value;
  }
}

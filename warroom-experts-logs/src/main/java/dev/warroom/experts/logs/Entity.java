package dev.warroom.experts.logs;

import java.util.Objects;

/** One entity found in a line: its type and text as written ({@code start} is its offset). */
public record Entity(EntityType type, String value, int start) {
  public Entity {
    Objects.requireNonNull(type, "type");
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("blank entity value");
    }
    if (start < 0) {
      throw new IllegalArgumentException("negative start: " + start);
    }
  }
}

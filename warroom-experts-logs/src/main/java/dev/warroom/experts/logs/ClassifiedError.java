package dev.warroom.experts.logs;

import java.util.List;
import java.util.Objects;

/**
 * An error or warning template of the incident window with its category, the entities of its first
 * example, and how many incident lines it matched.
 */
public record ClassifiedError(
    int templateId, String template, ErrorCategory category, long count, List<Entity> entities) {
  public ClassifiedError {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(category, "category");
    entities = List.copyOf(entities);
  }
}

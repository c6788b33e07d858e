package dev.warroom.model;

import java.util.List;

/**
 * Who and what is affected: a summary sentence, the affected services and routes, and the evidence
 * (queries and their results) it is based on.
 */
public record Impact(
    String summary,
    List<String> affectedServices,
    List<String> affectedRoutes,
    List<String> evidenceIds) {
  public Impact {
    summary = summary == null ? "" : summary;
    affectedServices = affectedServices == null ? List.of() : List.copyOf(affectedServices);
    affectedRoutes = affectedRoutes == null ? List.of() : List.copyOf(affectedRoutes);
    evidenceIds = evidenceIds == null ? List.of() : List.copyOf(evidenceIds);
  }

  public static Impact none() {
    return new Impact("", List.of(), List.of(), List.of());
  }
}

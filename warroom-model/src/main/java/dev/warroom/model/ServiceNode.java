package dev.warroom.model;

import java.util.Objects;

/** A service (or datastore, queue, load balancer) of the topology; language may be empty. */
public record ServiceNode(String name, ComponentKind kind, String language) {
  public ServiceNode {
    Checks.nonBlank(name, "name");
    Objects.requireNonNull(kind, "kind");
    language = language == null ? "" : language;
  }
}

package dev.warroom.model;

import java.util.Map;

/** A host or Kubernetes node; {@code attributes} holds e.g. zone, architecture, CPU count. */
public record Host(String name, Map<String, String> attributes) {
  public Host {
    Checks.nonBlank(name, "name");
    attributes = Checks.copy(attributes);
  }
}

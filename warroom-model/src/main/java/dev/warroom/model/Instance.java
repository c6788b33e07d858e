package dev.warroom.model;

/** One running instance (pod, container, VM) of a service, placed on a host (may be null). */
public record Instance(String name, String service, String host) {
  public Instance {
    Checks.nonBlank(name, "name");
    Checks.nonBlank(service, "service");
    host = Checks.blankToNull(host);
  }
}

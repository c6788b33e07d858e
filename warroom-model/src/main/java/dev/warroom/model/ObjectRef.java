package dev.warroom.model;

/** A Kubernetes object reference: kind, name and namespace (namespace may be empty). */
public record ObjectRef(String kind, String name, String namespace) {
  public ObjectRef {
    Checks.nonBlank(kind, "kind");
    Checks.nonBlank(name, "name");
    namespace = namespace == null ? "" : namespace;
  }

  @Override
  public String toString() {
    return (namespace.isEmpty() ? "" : namespace + "/") + kind + "/" + name;
  }
}

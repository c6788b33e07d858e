package dev.warroom.dsl;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Lexical scope of the checker: names visible at a point, chained to the enclosing block. */
final class Scope {
  private final Scope parent;
  private final Map<String, Type> names = new HashMap<>();

  private Scope(Scope parent) {
    this.parent = parent;
  }

  static Scope root() {
    return new Scope(null);
  }

  Scope child() {
    return new Scope(this);
  }

  void define(String name, Type type) {
    names.put(name, type);
  }

  Optional<Type> lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      Type t = s.names.get(name);
      if (t != null) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Copies this scope's own names into its parent (a parallel block's outputs after it ends). */
  void exportTo(Scope target) {
    names.forEach(target::define);
  }
}

package dev.warroom.dsl;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the checker knows about an actor: its name as written in {@code step x = name(...)}, a
 * description (for docs and {@code --help}), its parameters, and the typed fields of its output
 * record that later steps may reference as {@code x.field}.
 */
public record ActorSignature(
    String name, String description, List<Param> params, Map<String, Type> outputs) {
  /** One named parameter. */
  public record Param(String name, Type type, boolean required) {
    public Param {
      requireIdentifier(name, "param name");
      Objects.requireNonNull(type, "type");
    }

    /** A required parameter. */
    public static Param required(String name, Type type) {
      return new Param(name, type, true);
    }

    /** An optional parameter. */
    public static Param optional(String name, Type type) {
      return new Param(name, type, false);
    }
  }

  public ActorSignature {
    requireIdentifier(name, "actor name");
    description = description == null ? "" : description;
    params = List.copyOf(params);
    Set<String> seen = new HashSet<>();
    for (Param p : params) {
      if (!seen.add(p.name())) {
        throw new IllegalArgumentException(
            "actor " + name + ": duplicate param '" + p.name() + "'");
      }
    }
    outputs = Map.copyOf(new LinkedHashMap<>(outputs));
    for (String field : outputs.keySet()) {
      requireIdentifier(field, "actor " + name + " output field");
    }
  }

  /** The parameter called {@code name}, if any. */
  public Optional<Param> param(String paramName) {
    return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
  }

  /** The output record's type. */
  public Type.Record outputType() {
    return new Type.Record(outputs);
  }

  private static void requireIdentifier(String s, String what) {
    Identifiers.require(s, what);
  }
}

package dev.warroom.dsl;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The actors a runbook may call. The engine registers its actors here ({@link #of}); the checker
 * looks names up and validates arguments and output references against the signatures.
 */
public interface ActorCatalog {
  /** The actor called {@code name}. */
  Optional<ActorSignature> find(String name);

  /** Every actor, sorted by name (for "did you mean" suggestions and docs); may be empty. */
  default List<ActorSignature> all() {
    return List.of();
  }

  /** A catalog of the given actors; rejects two actors with the same name. */
  static ActorCatalog of(List<ActorSignature> actors) {
    Map<String, ActorSignature> byName = new LinkedHashMap<>();
    for (ActorSignature a : actors) {
      if (byName.putIfAbsent(a.name(), a) != null) {
        throw new IllegalArgumentException("duplicate actor: '" + a.name() + "'");
      }
    }
    List<ActorSignature> sorted =
        byName.values().stream().sorted(Comparator.comparing(ActorSignature::name)).toList();
    return new ActorCatalog() {
      @Override
      public Optional<ActorSignature> find(String name) {
        return Optional.ofNullable(byName.get(name));
      }

      @Override
      public List<ActorSignature> all() {
        return sorted;
      }
    };
  }
}

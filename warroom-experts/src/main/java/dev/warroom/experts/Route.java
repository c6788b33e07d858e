package dev.warroom.experts;

import java.util.List;
import java.util.Objects;

/**
 * The router's decision for one input: its kind, the experts that should process it, the confidence
 * of that decision, and the runners-up.
 *
 * @param kind the most likely kind
 * @param confidence probability of {@code kind} under the router's model, in [0,1]
 * @param experts experts to call, primary first ({@link InputKind#experts()})
 * @param alternatives the three most likely kinds with their probabilities, best first
 */
public record Route(
    InputKind kind, double confidence, List<String> experts, List<Alternative> alternatives) {

  /** A candidate kind and its probability. */
  public record Alternative(InputKind kind, double probability) {
    public Alternative {
      Objects.requireNonNull(kind, "kind");
    }
  }

  public Route {
    Objects.requireNonNull(kind, "kind");
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence not in [0,1]: " + confidence);
    }
    experts = List.copyOf(experts);
    alternatives = List.copyOf(alternatives);
  }
}

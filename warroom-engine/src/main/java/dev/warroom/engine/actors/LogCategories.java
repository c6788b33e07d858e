package dev.warroom.engine.actors;

import dev.warroom.experts.logs.ErrorCategory;
import dev.warroom.experts.logs.LineCategories;
import dev.warroom.experts.logs.LineCategory;
import dev.warroom.model.FaultClass;
import java.util.Optional;
import java.util.Set;

/**
 * The error category of a log line as the engine reads it for blame: the logs expert's {@link
 * LineCategories} (the classifier's categories plus data-layer, upstream and generic kinds), with
 * the categories a caller sees when a dependency fails (refused, reset, unreachable, timed out)
 * carrying no fault of the caller's own: they say where it hurts (the callee, see {@link
 * #calleeFault}), not what is wrong with the service that logs them.
 */
final class LogCategories {
  private LogCategories() {}

  private static final Set<ErrorCategory> CALLER_SIDE =
      Set.of(
          ErrorCategory.CONNECTION_REFUSED,
          ErrorCategory.CONNECTION_RESET,
          ErrorCategory.NETWORK_UNREACHABLE,
          ErrorCategory.TIMEOUT);

  /**
   * The category of the text, empty when it names no error at all. Category names are {@link
   * LineCategory#name()}.
   */
  static Optional<Signals.LogSignal> of(String body) {
    return LineCategories.of(body)
        .map(
            c ->
                new Signals.LogSignal(
                    c.name(), CALLER_SIDE.contains(c.classified()) ? null : c.fault()));
  }

  /** Whether a caller's error of this category is evidence against the service it names. */
  static boolean blamesCallee(Signals.LogSignal sig) {
    return calleeFault(sig) != null || sig.category().equals("upstream");
  }

  /**
   * The fault a caller's error of this category points to in the service it names, null when the
   * category does not blame a callee.
   */
  static FaultClass calleeFault(Signals.LogSignal sig) {
    return switch (sig.category()) {
      case "connection_refused", "connection_reset", "network_unreachable" ->
          FaultClass.NETWORK_PARTITION;
      case "timeout" -> FaultClass.NETWORK_LATENCY;
      case "dns",
          "tls",
          "rate_limited",
          "pool_exhausted",
          "cache",
          "lock",
          "deadlock",
          "slow_query" ->
          sig.fault();
      default -> null;
    };
  }
}

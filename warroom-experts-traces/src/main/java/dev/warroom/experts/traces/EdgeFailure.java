package dev.warroom.experts.traces;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Failed calls on one caller → callee edge that the callee did not record as failures of its own:
 * client spans in error none of whose children failed (the request was refused, timed out, could
 * not resolve or handshake, or the callee answered with an error it did not trace). Counted per
 * edge they separate a broken path (one edge of a caller) from a broken caller (all its edges, e.g.
 * a resolver failure) and from a broken callee (all its callers).
 *
 * @param caller the service whose client spans failed
 * @param callee the peer the spans name ({@code peer.service}, {@code server.address} …) or, when
 *     they name none, the service of their child span
 * @param failures failed client spans with no failing child
 * @param errorTypes how many of them carry each {@code error.type} (OpenTelemetry semantic
 *     convention), else each HTTP status code, else "unknown"
 * @param firstSeen start of the earliest such span
 */
public record EdgeFailure(
    String caller,
    String callee,
    int failures,
    Map<String, Integer> errorTypes,
    Instant firstSeen) {
  public EdgeFailure {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(callee, "callee");
    errorTypes = Map.copyOf(errorTypes);
  }

  /** The edge as "caller->callee", the form topology components use. */
  public String edge() {
    return caller + "->" + callee;
  }

  /** The most frequent error type (ties by name), "unknown" when none was recorded. */
  public String dominantErrorType() {
    return errorTypes.entrySet().stream()
        .max(
            Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
        .map(Map.Entry::getKey)
        .orElse("unknown");
  }
}

package dev.warroom.experts.traces;

import java.util.List;

/**
 * One stack of a flame-graph summary across many traces: the call path from a root span to an
 * operation, the self time spent at its top in all traces together, and how many spans it covers.
 *
 * @param stack operations from the root down, e.g. [frontend GET /cart, cart GetCart, redis GET]
 * @param selfMs total self time of the top operation on this path, milliseconds
 * @param spans number of spans on this path
 * @param share {@code selfMs} over the total self time of all spans
 */
public record FlameFrame(List<OperationKey> stack, double selfMs, int spans, double share) {
  public FlameFrame {
    stack = List.copyOf(stack);
  }

  /** The folded-stack form used by flamegraph.pl: {@code a;b;c}. */
  public String folded() {
    StringBuilder sb = new StringBuilder();
    for (OperationKey k : stack) {
      if (!sb.isEmpty()) {
        sb.append(';');
      }
      sb.append(k.service()).append(':').append(k.operation());
    }
    return sb.toString();
  }
}

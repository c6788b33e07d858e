package dev.warroom.experts.traces;

/**
 * A caller-to-callee dependency seen in spans: a child span of another service than its parent.
 *
 * @param caller the parent span's service
 * @param callee the child span's service
 * @param calls number of such child spans
 * @param errors how many of them are in error
 * @param meanLatencyMs mean duration of the callee spans, milliseconds
 * @param p95LatencyMs 95th percentile of that duration (nearest rank)
 */
public record ServiceEdge(
    String caller,
    String callee,
    int calls,
    int errors,
    double meanLatencyMs,
    double p95LatencyMs) {
  public ServiceEdge {
    if (calls < 1 || errors < 0 || errors > calls) {
      throw new IllegalArgumentException("bad counts: calls=" + calls + ", errors=" + errors);
    }
  }

  public double errorRate() {
    return (double) errors / calls;
  }
}

package dev.warroom.experts.traces;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request statistics of one service over a window, rolled up from its operations' {@link
 * OperationStats}: requests and failures are summed; the p95 is the request-weighted mean of the
 * operations' p95s (percentiles do not add, and a store that pushes the aggregation down returns
 * per-operation percentiles only — the weighted mean keeps a busy operation's latency dominant,
 * which is what a caller of the service experiences).
 *
 * @param requests spans of the service in the window
 * @param errors failed spans among them
 * @param p95Ms request-weighted mean of the operations' p95 durations, milliseconds
 */
public record ServiceStats(long requests, long errors, double p95Ms) {
  /** A service with no spans in the window. */
  public static final ServiceStats NONE = new ServiceStats(0, 0, 0);

  public ServiceStats {
    if (requests < 0 || errors < 0 || errors > requests) {
      throw new IllegalArgumentException("bad counts: errors " + errors + " of " + requests);
    }
    if (!(p95Ms >= 0)) {
      throw new IllegalArgumentException("p95Ms not >= 0: " + p95Ms);
    }
  }

  /** Failed fraction of the requests (0 without requests). */
  public double errorRate() {
    return requests == 0 ? 0 : (double) errors / requests;
  }

  /** Per service (sorted by name), the roll-up of its operations. */
  public static Map<String, ServiceStats> byService(List<OperationStats> operations) {
    Map<String, double[]> acc = new TreeMap<>(); // count, errors, sum(count * p95)
    for (OperationStats o : operations) {
      double[] x = acc.computeIfAbsent(o.operation().service(), k -> new double[3]);
      x[0] += o.count();
      x[1] += o.errors();
      x[2] += o.count() * o.p95Ms();
    }
    Map<String, ServiceStats> out = new TreeMap<>();
    acc.forEach(
        (service, x) ->
            out.put(
                service, new ServiceStats((long) x[0], (long) x[1], x[0] == 0 ? 0 : x[2] / x[0])));
    return Collections.unmodifiableMap(out);
  }
}

package dev.warroom.experts.traces;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Critical path of a trace, as in Jaeger's critical-path view: walking back from the end of a span,
 * the child that finished last before the cursor is on the path; the time between children (and
 * before the first) belongs to the span itself. Children that run in parallel with a later one and
 * finish earlier are off the path. Aggregated as milliseconds per operation per trace.
 */
final class CriticalPath {
  private CriticalPath() {}

  static List<CriticalPathShare> shares(TraceIndex baseline, TraceIndex incident) {
    double[] b = perOperation(baseline);
    double[] in = perOperation(incident);
    Map<OperationKey, Double> baseByOp = new HashMap<>();
    for (int k = 0; k < b.length; k++) {
      baseByOp.put(baseline.operations.get(k), b[k] / Math.max(1, baseline.traces));
    }
    double total = Arrays.stream(in).sum();
    List<CriticalPathShare> out = new ArrayList<>();
    for (int k = 0; k < in.length; k++) {
      OperationKey op = incident.operations.get(k);
      out.add(
          new CriticalPathShare(
              op,
              in[k] / Math.max(1, incident.traces),
              baseByOp.getOrDefault(op, 0.0),
              total > 0 ? in[k] / total : 0));
    }
    out.sort(
        Comparator.comparingDouble(CriticalPathShare::incidentMsPerTrace)
            .reversed()
            .thenComparing(s -> s.operation().toString()));
    return out;
  }

  /** Critical-path milliseconds per operation id, summed over all roots of the index. */
  static double[] perOperation(TraceIndex ix) {
    double[] acc = new double[ix.operations.size()];
    for (int root : ix.roots) {
      walk(ix, root, ix.endNanos[root], acc);
    }
    return acc;
  }

  private static void walk(TraceIndex ix, int span, long limit, double[] acc) {
    long cursor = Math.min(limit, ix.endNanos[span]);
    long start = ix.startNanos[span];
    for (int c : TraceIndex.sortedBy(ix.children[span], ix.endNanos, true)) {
      if (cursor <= start) {
        break;
      }
      if (ix.startNanos[c] >= cursor) {
        continue; // starts after the cursor: off the path
      }
      long childEnd = Math.min(ix.endNanos[c], cursor);
      acc[ix.operation[span]] += (cursor - childEnd) / 1e6;
      walk(ix, c, childEnd, acc);
      cursor = Math.max(start, ix.startNanos[c]);
    }
    if (cursor > start) {
      acc[ix.operation[span]] += (cursor - start) / 1e6;
    }
  }
}

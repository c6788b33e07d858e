package dev.warroom.experts.traces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Latency attribution by self-time shift: for each operation, the time spent in the operation
 * itself (its duration minus the union of its children's intervals) per trace, incident minus
 * baseline. A slow database call shows as a shift of the database span, not of its callers, whose
 * extra duration is covered by the child (the attribution used by Jaeger's trace comparison and by
 * MicroRank's span-level spectrum).
 */
final class LatencyAttribution {
  private LatencyAttribution() {}

  static List<SelfTimeShift> shifts(TraceIndex baseline, TraceIndex incident) {
    Stats b = Stats.of(baseline);
    Stats in = Stats.of(incident);
    Set<OperationKey> ops = new HashSet<>(b.self.keySet());
    ops.addAll(in.self.keySet());
    Map<OperationKey, String> suspects = new HashMap<>();
    for (TraceIndex ix : List.of(baseline, incident)) {
      for (int k = 0; k < ix.operations.size(); k++) {
        suspects.putIfAbsent(ix.operations.get(k), ix.suspect(k));
      }
    }
    // Time outside a callee's span is charged to the end of the edge that the pattern of delayed
    // edges points at (EdgeDelays): the callee for a network fault on it, the caller when all of
    // its calls are slow (a caller starved of CPU).
    EdgeDelays delays = EdgeDelays.of(baseline, incident);
    for (Map.Entry<OperationKey, String> e : suspects.entrySet()) {
      String caller = e.getKey().service();
      if (!e.getValue().equals(caller)) {
        String culprit = delays.culprit(caller, e.getValue());
        if (culprit != null) {
          e.setValue(culprit);
        }
      }
    }
    List<SelfTimeShift> raw = new ArrayList<>();
    double positive = 0;
    for (OperationKey op : ops) {
      double bTotal = b.self.getOrDefault(op, 0.0);
      double iTotal = in.self.getOrDefault(op, 0.0);
      double bPerTrace = baseline.traces == 0 ? 0 : bTotal / baseline.traces;
      double iPerTrace = incident.traces == 0 ? 0 : iTotal / incident.traces;
      double shift = iPerTrace - bPerTrace;
      positive += Math.max(0, shift);
      raw.add(
          new SelfTimeShift(
              op,
              suspects.get(op),
              mean(bTotal, b.calls.getOrDefault(op, 0)),
              mean(iTotal, in.calls.getOrDefault(op, 0)),
              bPerTrace,
              iPerTrace,
              shift,
              0));
    }
    List<SelfTimeShift> out = new ArrayList<>(raw.size());
    for (SelfTimeShift s : raw) {
      double share = positive > 0 ? Math.max(0, s.shiftMsPerTrace()) / positive : 0;
      out.add(
          new SelfTimeShift(
              s.operation(),
              s.suspect(),
              s.baselineMeanSelfMs(),
              s.incidentMeanSelfMs(),
              s.baselineSelfMsPerTrace(),
              s.incidentSelfMsPerTrace(),
              s.shiftMsPerTrace(),
              share));
    }
    out.sort(
        Comparator.comparingDouble(SelfTimeShift::shiftMsPerTrace)
            .reversed()
            .thenComparing(s -> s.operation().toString()));
    return out;
  }

  private static double mean(double total, int calls) {
    return calls == 0 ? 0 : total / calls;
  }

  /** Total self time (ms) and call count per operation. */
  private record Stats(Map<OperationKey, Double> self, Map<OperationKey, Integer> calls) {
    static Stats of(TraceIndex ix) {
      double[] self = new double[ix.operations.size()];
      int[] calls = new int[ix.operations.size()];
      for (int i = 0; i < ix.spans.size(); i++) {
        self[ix.operation[i]] += ix.selfNanos[i] / 1e6;
        calls[ix.operation[i]]++;
      }
      Map<OperationKey, Double> s = new HashMap<>();
      Map<OperationKey, Integer> c = new HashMap<>();
      for (int k = 0; k < self.length; k++) {
        s.put(ix.operations.get(k), self[k]);
        c.put(ix.operations.get(k), calls[k]);
      }
      return new Stats(s, c);
    }
  }
}

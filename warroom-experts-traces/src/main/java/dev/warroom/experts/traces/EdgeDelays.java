package dev.warroom.experts.traces;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Time lost between services: per caller → callee edge, the time of a client call spent outside the
 * callee's own span (network, queueing, connection set-up, or a caller too starved of CPU to send
 * or read), its median per call in the incident against a reference, and which end of the delayed
 * edges is to blame.
 *
 * <p>The reference is the edge's own baseline median when the baseline holds enough calls of it;
 * otherwise the lower quartile of all edges' incident medians: in a cluster most calls spend a few
 * milliseconds outside the callee, and a fault that delays up to three quarters of the edges still
 * leaves that quartile normal. Real exports often hold no fault-free traces at all (only the
 * minutes of the fault), so the cross-sectional reference is what makes edge delay visible there.
 *
 * <p>Blame follows the structure of the delayed edges, as an SRE reads a service map: a service all
 * of whose edges (in and out) are slow is the common factor — a network fault or a stall on that
 * service — while its neighbours have slow edges only towards it. Each delayed edge is charged to
 * the end with the larger share of its own edges delayed, then the larger number of them.
 */
public final class EdgeDelays {
  /** Fewest calls of an edge in the baseline for its own median to be the reference. */
  static final int MIN_BASELINE_CALLS = 10;

  /** Fewest calls of an edge in the incident for its median to count. */
  static final int MIN_CALLS = 5;

  /** A delayed edge's median must exceed the reference by this factor ... */
  static final double FACTOR = 3.0;

  /** ... and by at least this many milliseconds. */
  static final double MIN_ADDED_MS = 10.0;

  /** One caller → callee edge: medians per call of the time outside the callee's span. */
  public record Edge(
      String caller,
      String callee,
      double referenceMs,
      boolean ownBaseline,
      double incidentMs,
      int incidentCalls,
      boolean delayed) {
    public Edge {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(callee, "callee");
    }

    /** Milliseconds added per call against the reference (0 when not delayed). */
    public double addedMs() {
      return delayed ? incidentMs - referenceMs : 0;
    }
  }

  private final List<Edge> edges;
  private final Map<String, int[]> tally; // service -> {delayed edges, edges}

  private EdgeDelays(List<Edge> edges) {
    this.edges = List.copyOf(edges);
    Map<String, int[]> t = new TreeMap<>();
    for (Edge e : edges) {
      for (String s : List.of(e.caller(), e.callee())) {
        int[] c = t.computeIfAbsent(s, k -> new int[2]);
        c[1]++;
        c[0] += e.delayed() ? 1 : 0;
      }
    }
    this.tally = t;
  }

  /** Every edge seen in the incident with enough calls, delayed or not. */
  public List<Edge> edges() {
    return edges;
  }

  /** The delayed edges, most added time first. */
  public List<Edge> delayed() {
    List<Edge> out = new ArrayList<>();
    for (Edge e : edges) {
      if (e.delayed()) {
        out.add(e);
      }
    }
    out.sort((a, b) -> Double.compare(b.addedMs(), a.addedMs()));
    return out;
  }

  /** Share of the service's edges (in and out) that are delayed; 0 for an unknown service. */
  public double coverage(String service) {
    int[] c = tally.get(service);
    return c == null || c[1] == 0 ? 0 : (double) c[0] / c[1];
  }

  /** Number of the service's edges that are delayed. */
  public int delayedEdges(String service) {
    int[] c = tally.get(service);
    return c == null ? 0 : c[0];
  }

  /** Number of the service's edges seen in the incident. */
  public int edgesOf(String service) {
    int[] c = tally.get(service);
    return c == null ? 0 : c[1];
  }

  /**
   * The end of a delayed edge to blame (see the class comment), or null when the edge is not
   * delayed.
   */
  public String culprit(String caller, String callee) {
    Edge e = find(caller, callee);
    if (e == null || !e.delayed()) {
      return null;
    }
    int byShare = Double.compare(coverage(caller), coverage(callee));
    if (byShare != 0) {
      return byShare > 0 ? caller : callee;
    }
    return delayedEdges(caller) > delayedEdges(callee) ? caller : callee;
  }

  private Edge find(String caller, String callee) {
    for (Edge e : edges) {
      if (e.caller().equals(caller) && e.callee().equals(callee)) {
        return e;
      }
    }
    return null;
  }

  static EdgeDelays of(TraceIndex baseline, TraceIndex incident) {
    Map<List<String>, double[]> base = gaps(baseline);
    Map<List<String>, double[]> inc = gaps(incident);
    Map<List<String>, Double> incMedian = new LinkedHashMap<>();
    for (var e : inc.entrySet()) {
      if (e.getValue().length >= MIN_CALLS) {
        double m = median(e.getValue());
        incMedian.put(e.getKey(), m);
      }
    }
    if (incMedian.isEmpty()) {
      return new EdgeDelays(List.of());
    }
    double[] all = incMedian.values().stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(all);
    double crossReference = all[(all.length - 1) / 4];
    List<Edge> out = new ArrayList<>();
    for (var e : incMedian.entrySet()) {
      double[] b = base.get(e.getKey());
      boolean own = b != null && b.length >= MIN_BASELINE_CALLS;
      double ref = own ? median(b) : crossReference;
      double m = e.getValue();
      boolean delayed = m >= ref * FACTOR && m - ref >= MIN_ADDED_MS;
      out.add(
          new Edge(
              e.getKey().get(0),
              e.getKey().get(1),
              ref,
              own,
              m,
              inc.get(e.getKey()).length,
              delayed));
    }
    return new EdgeDelays(out);
  }

  /** Per caller → callee edge, each call's time outside the callee's spans, in milliseconds. */
  private static Map<List<String>, double[]> gaps(TraceIndex ix) {
    Map<List<String>, List<Double>> byEdge = new HashMap<>();
    for (int i = 0; i < ix.spans.size(); i++) {
      String peer = ix.peer[i];
      String self = ix.spans.get(i).service();
      if (peer == null || peer.equals(self) || !onlyChildrenIn(ix, i, peer)) {
        continue;
      }
      byEdge
          .computeIfAbsent(List.of(self, peer), k -> new ArrayList<>())
          .add(ix.selfNanos[i] / 1e6);
    }
    Map<List<String>, double[]> out = new HashMap<>();
    byEdge.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
    return out;
  }

  /**
   * Only calls whose callee span was recorded (otherwise the whole call is "outside"), and only
   * spans that wrap nothing but the call (a server span with a remote child also does work of its
   * own, which is not time between services).
   */
  private static boolean onlyChildrenIn(TraceIndex ix, int i, String service) {
    if (ix.children[i].length == 0) {
      return false;
    }
    for (int c : ix.children[i]) {
      if (!ix.spans.get(c).service().equals(service)) {
        return false;
      }
    }
    return true;
  }

  private static double median(double[] v) {
    double[] a = v.clone();
    Arrays.sort(a);
    int n = a.length;
    return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
  }
}

package dev.warroom.experts.traces;

import dev.warroom.model.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Changes in what an operation calls: per parent operation, how many spans of each child operation
 * it makes per call, in the baseline and in the incident. Code that now throws half-way through a
 * request, returns early, or takes another branch leaves the same latency and no error status on
 * many exports, but its traces change shape — a child call that used to follow nearly every request
 * is gone, or a new one appears. This is the structural view of a trace that TraceAnomaly (Liu et
 * al., ISSRE 2020) models as call-path vectors and MicroRank (Yu et al., WWW 2021) as coverage of
 * operations; here it is a direct rate comparison per (parent, child) pair, with no training.
 *
 * <p>The parent's service owns the decision to make the call, so a shift is charged to it. A pair
 * counts as shifted when the rate per parent call moved by at least {@link #FACTOR} either way, the
 * larger rate is at least {@link #MIN_RATE} calls per parent (a habitual call, not an occasional
 * one), and the change is far beyond counting noise (Poisson z of at least {@link #MIN_Z}). Parents
 * need {@link #MIN_BASELINE_PARENTS} calls in the baseline and {@link #MIN_INCIDENT_PARENTS} in the
 * incident.
 */
public final class CallPatternShifts {
  static final int MIN_BASELINE_PARENTS = 20;
  static final int MIN_INCIDENT_PARENTS = 10;
  static final double MIN_RATE = 0.1;
  static final double FACTOR = 2.0;
  static final double MIN_Z = 4.0;

  /**
   * One shifted pair: the parent's service and operation, the child's, and the counts behind the
   * rates (parent spans and child spans under them, per window).
   */
  public record Shift(
      String service,
      String operation,
      String childService,
      String childOperation,
      long baselineParents,
      long baselineCalls,
      long incidentParents,
      long incidentCalls) {
    public Shift {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(childService, "childService");
      Objects.requireNonNull(childOperation, "childOperation");
    }

    /** Child calls per parent call in the baseline. */
    public double baselineRate() {
      return (double) baselineCalls / baselineParents;
    }

    /** Child calls per parent call in the incident. */
    public double incidentRate() {
      return (double) incidentCalls / incidentParents;
    }

    /** |log2| of the rate change, with half a call of smoothing so a vanished call is finite. */
    public double magnitude() {
      double a = (baselineCalls + 0.5) / baselineParents;
      double b = (incidentCalls + 0.5) / incidentParents;
      return Math.abs(Math.log(b / a) / Math.log(2));
    }
  }

  private CallPatternShifts() {}

  /** The shifted pairs, largest change first. */
  public static List<Shift> of(List<Span> baseline, List<Span> incident) {
    Counts b = Counts.of(baseline);
    Counts i = Counts.of(incident);
    Set<Pair> pairs = new HashSet<>(b.children.keySet());
    pairs.addAll(i.children.keySet());
    List<Shift> out = new ArrayList<>();
    for (Pair p : pairs) {
      long p0 = b.parents.getOrDefault(p.parent(), 0L);
      long p1 = i.parents.getOrDefault(p.parent(), 0L);
      if (p0 < MIN_BASELINE_PARENTS || p1 < MIN_INCIDENT_PARENTS) {
        continue;
      }
      long c0 = b.children.getOrDefault(p, 0L);
      long c1 = i.children.getOrDefault(p, 0L);
      double r0 = (double) c0 / p0;
      double r1 = (double) c1 / p1;
      if (Math.max(r0, r1) < MIN_RATE) {
        continue;
      }
      double lo = Math.min(r0, r1);
      double hi = Math.max(r0, r1);
      if (hi < FACTOR * lo) {
        continue;
      }
      // Rates per parent of two Poisson counts: var(c/p) = c/p^2; one call added to each count so
      // that a call gone entirely still has a variance.
      double se = Math.sqrt((c0 + 1.0) / ((double) p0 * p0) + (c1 + 1.0) / ((double) p1 * p1));
      if (Math.abs(r1 - r0) / se < MIN_Z) {
        continue;
      }
      out.add(
          new Shift(
              p.parent().service(),
              p.parent().operation(),
              p.child().service(),
              p.child().operation(),
              p0,
              c0,
              p1,
              c1));
    }
    out.sort(
        Comparator.comparingDouble(Shift::magnitude)
            .reversed()
            .thenComparing(Shift::service)
            .thenComparing(Shift::operation)
            .thenComparing(Shift::childService)
            .thenComparing(Shift::childOperation));
    return List.copyOf(out);
  }

  /** Per service owning shifted parents: its shifts, largest first; services by total change. */
  public static Map<String, List<Shift>> byService(List<Shift> shifts) {
    Map<String, List<Shift>> out = new java.util.LinkedHashMap<>();
    shifts.stream()
        .collect(java.util.stream.Collectors.groupingBy(Shift::service))
        .entrySet()
        .stream()
        .sorted(
            Comparator.comparingDouble(
                    (Map.Entry<String, List<Shift>> e) ->
                        -e.getValue().stream().mapToDouble(Shift::magnitude).sum())
                .thenComparing(Map.Entry::getKey))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private record Op(String service, String operation) {}

  private record Pair(Op parent, Op child) {}

  /** Spans per operation, and child spans per (parent operation, child operation). */
  private record Counts(Map<Op, Long> parents, Map<Pair, Long> children) {
    static Counts of(List<Span> spans) {
      Map<String, Op> byId = new HashMap<>(spans.size() * 2);
      for (Span s : spans) {
        byId.put(s.traceId() + "/" + s.spanId(), new Op(s.service(), s.operation()));
      }
      Map<Op, Long> parents = new HashMap<>();
      Map<Pair, Long> children = new HashMap<>();
      for (Span s : spans) {
        parents.merge(new Op(s.service(), s.operation()), 1L, Long::sum);
        if (s.parentSpanId() == null) {
          continue;
        }
        Op parent = byId.get(s.traceId() + "/" + s.parentSpanId());
        if (parent != null) {
          children.merge(new Pair(parent, new Op(s.service(), s.operation())), 1L, Long::sum);
        }
      }
      return new Counts(parents, children);
    }
  }
}

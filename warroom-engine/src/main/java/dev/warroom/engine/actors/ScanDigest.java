package dev.warroom.engine.actors;

import dev.warroom.model.Instance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metric scan of an investigation condensed per service: for every signal family ({@link
 * Signals}) the strongest robust shift up and down among the service's own series ({@code
 * "cpu:up"}), and among the series of the nodes its pods run on ({@code "node.cpu:up"}). The actors
 * report only the few strongest series as findings; the fusion's learned model reads this digest so
 * that which resource family moved on a candidate — and on its node rather than the pod — counts
 * even when it did not make the actors' short list.
 *
 * @param services service → feature name → shift strength (|z| compressed, see {@link #strength})
 */
public record ScanDigest(Map<String, Map<String, Double>> services) {
  public ScanDigest {
    Map<String, Map<String, Double>> copy = new HashMap<>();
    Objects.requireNonNull(services, "services").forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    services = Map.copyOf(copy);
  }

  /** The digest of no data. */
  public static final ScanDigest EMPTY = new ScanDigest(Map.of());

  /** Below this |z| a shift is treated as noise and left out of the digest. */
  static final double MIN_Z = 3.0;

  /**
   * A shift of {@code z} robust deviations as a bounded strength: {@code log1p(|z| − MIN_Z)} capped
   * at 4, so z = 4 gives 0.69 and z = 50 the cap — a logistic model needs bounded inputs, and the
   * difference between 30 and 300 deviations says nothing about the fault.
   */
  static double strength(double z) {
    double a = Math.abs(z) - MIN_Z;
    return a <= 0 || !Double.isFinite(a) ? 0 : Math.min(4, Math.log1p(a));
  }

  /** The digest of the investigation's metric scan (computing the scan if no actor did). */
  public static ScanDigest of(InvestigationContext ctx) {
    MetricScan scan;
    try {
      scan = MetricScan.of(ctx);
    } catch (RuntimeException e) {
      // The scan needs queries; with the budget spent the digest is simply absent, as when the
      // bundle holds no metrics.
      return EMPTY;
    }
    return of(scan.entries(), ctx.topology().instances());
  }

  static ScanDigest of(List<MetricScan.Entry> entries, List<Instance> instances) {
    Map<String, List<String>> servicesOnNode = new HashMap<>();
    for (Instance i : instances) {
      if (i.host() != null) {
        servicesOnNode.computeIfAbsent(i.host(), h -> new java.util.ArrayList<>()).add(i.service());
      }
    }
    Map<String, Map<String, Double>> out = new HashMap<>();
    for (MetricScan.Entry e : entries) {
      double s = strength(e.shift().z());
      if (s == 0 || e.signal().group() == Signals.Group.OTHER && e.signal().id().equals("config")) {
        continue;
      }
      String feature = e.signal().id() + (e.shift().z() > 0 ? ":up" : ":down");
      if (e.service() != null) {
        out.computeIfAbsent(e.service(), k -> new HashMap<>()).merge(feature, s, Math::max);
      } else if (e.node() != null) {
        for (String svc : servicesOnNode.getOrDefault(e.node(), List.of())) {
          out.computeIfAbsent(svc, k -> new HashMap<>()).merge("node." + feature, s, Math::max);
        }
      }
    }
    return new ScanDigest(out);
  }

  /** The features of one service; empty when none of its series shifted. */
  public Map<String, Double> of(String service) {
    return services.getOrDefault(service, Map.of());
  }
}

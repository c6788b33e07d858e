package dev.warroom.engine.actors;

import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Selects anomalous series of a scan and records the strongest as evidence and findings. */
final class MetricFindings {
  private MetricFindings() {}

  /**
   * Robust deviations the level after the onset must keep from the baseline median to be reported:
   * a run of outliers after which the series sits at its old level ("rose from 0.002 to 0.002") is
   * an excursion, not a shift, and a finding saying so would only confuse the reader.
   */
  static final double MIN_LEVEL_Z = 1.0;

  /** Findings for the anomalous entries matching {@code filter}, at most {@code max} of them. */
  static List<Finding> record(
      InvestigationContext ctx, String expert, Predicate<MetricScan.Entry> filter, int max) {
    List<Finding> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (MetricScan.Entry e : MetricScan.of(ctx).anomalies()) {
      if (out.size() >= max) {
        break;
      }
      if (!filter.test(e) || Math.abs(e.shift().z()) < MIN_LEVEL_Z) {
        continue;
      }
      // One finding per (component, signal): the strongest series of a family speaks for it.
      String key =
          e.service() + "|" + e.node() + "|" + e.key().label("pod") + "|" + e.signal().id();
      if (!seen.add(key)) {
        continue;
      }
      FaultClass fault = e.shift().z() > 0 ? e.signal().faultWhenUp() : e.signal().faultWhenDown();
      Finding f = SeriesEvidence.record(ctx, expert, e, fault);
      ctx.addFinding(f);
      out.add(f);
    }
    return out;
  }

  static boolean inServices(MetricScan.Entry e, List<String> services) {
    return services.isEmpty() || (e.service() != null && services.contains(e.service()));
  }
}

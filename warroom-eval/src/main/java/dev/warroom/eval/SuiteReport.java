package dev.warroom.eval;

import dev.warroom.model.FaultClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregate of a gym-suite evaluation: top-1 and top-3 root-cause service accuracy and fault
 * class accuracy over fault episodes, median onset error, false blame over controls, the confusion
 * table (true class → predicted class → count, {@code none} for no candidate), and investigation
 * time median and p95.
 */
public record SuiteReport(
    List<EpisodeResult> episodes,
    int faultEpisodes,
    int controls,
    double top1,
    double top3,
    double faultClassAccuracy,
    double onsetErrorMedianSeconds,
    double falseBlameRate,
    double timeMedianMillis,
    double timeP95Millis,
    int errors,
    Map<String, Map<String, Integer>> confusion) {
  public SuiteReport {
    episodes = List.copyOf(episodes);
  }

  /** Aggregates per-episode results. */
  public static SuiteReport of(List<EpisodeResult> results) {
    int faults = 0;
    int controls = 0;
    int top1 = 0;
    int top3 = 0;
    int cls = 0;
    int blamed = 0;
    int errors = 0;
    List<Double> onset = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    Map<String, Map<String, Integer>> confusion = new TreeMap<>();
    for (EpisodeResult r : results) {
      if (!r.error().isEmpty()) {
        errors++;
      }
      times.add((double) r.millis());
      String truth =
          r.control() ? FaultClass.NONE.id() : r.trueClass() == null ? "?" : r.trueClass().id();
      String pred = r.predictedClass() == null ? FaultClass.NONE.id() : r.predictedClass().id();
      confusion.computeIfAbsent(truth, k -> new TreeMap<>()).merge(pred, 1, Integer::sum);
      if (r.control()) {
        controls++;
        blamed += r.blamedControl() ? 1 : 0;
        continue;
      }
      faults++;
      top1 += r.top1() ? 1 : 0;
      top3 += r.top3() ? 1 : 0;
      cls += r.classMatch() ? 1 : 0;
      if (!Double.isNaN(r.onsetErrorSeconds())) {
        onset.add(r.onsetErrorSeconds());
      }
    }
    return new SuiteReport(
        results,
        faults,
        controls,
        ratio(top1, faults),
        ratio(top3, faults),
        ratio(cls, faults),
        quantile(onset, 0.5),
        ratio(blamed, controls),
        quantile(times, 0.5),
        quantile(times, 0.95),
        errors,
        confusion);
  }

  private static double ratio(int a, int b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }

  /** Nearest-rank quantile; NaN for an empty list. */
  static double quantile(List<Double> xs, double q) {
    if (xs.isEmpty()) {
      return Double.NaN;
    }
    double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    int rank = (int) Math.ceil(q * a.length);
    return a[Math.max(0, Math.min(a.length - 1, rank - 1))];
  }
}

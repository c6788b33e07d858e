package dev.warroom.eval;

import dev.warroom.model.FaultClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The aggregate of a gym-suite evaluation: top-1 and top-3 root-cause service accuracy and fault
 * class accuracy over fault episodes, median onset error, false blame over controls, the confusion
 * table (true class → predicted class → count, {@code none} for no candidate), investigation time
 * median and p95, the same accuracies broken down by topology and by difficulty, how well the
 * stated confidences are calibrated (Brier, ECE over 10 bins, reliability table), and the missed
 * episodes.
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
    Map<String, Map<String, Integer>> confusion,
    Map<String, Breakdown> byTopology,
    Map<String, Breakdown> byDifficulty,
    CalibrationMetrics calibration) {
  public SuiteReport {
    episodes = List.copyOf(episodes);
  }

  /** Accuracy over one slice of the suite (a topology, a difficulty). */
  public record Breakdown(
      int episodes,
      int faultEpisodes,
      int controls,
      double top1,
      double top3,
      double faultClassAccuracy,
      double falseBlameRate) {}

  /** Bins of the reliability table. */
  public static final int CALIBRATION_BINS = 10;

  /** Aggregates per-episode results. */
  public static SuiteReport of(List<EpisodeResult> results) {
    List<Double> onset = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    Map<String, Map<String, Integer>> confusion = new TreeMap<>();
    int errors = 0;
    for (EpisodeResult r : results) {
      if (!r.error().isEmpty()) {
        errors++;
      }
      times.add((double) r.millis());
      String truth =
          r.control() ? FaultClass.NONE.id() : r.trueClass() == null ? "?" : r.trueClass().id();
      String pred = r.predictedClass() == null ? FaultClass.NONE.id() : r.predictedClass().id();
      confusion.computeIfAbsent(truth, k -> new TreeMap<>()).merge(pred, 1, Integer::sum);
      if (!r.control() && !Double.isNaN(r.onsetErrorSeconds())) {
        onset.add(r.onsetErrorSeconds());
      }
    }
    Breakdown all = breakdown(results);
    return new SuiteReport(
        results,
        all.faultEpisodes(),
        all.controls(),
        all.top1(),
        all.top3(),
        all.faultClassAccuracy(),
        quantile(onset, 0.5),
        all.falseBlameRate(),
        quantile(times, 0.5),
        quantile(times, 0.95),
        errors,
        confusion,
        split(results, EpisodeResult::topology),
        split(results, EpisodeResult::difficulty),
        CalibrationMetrics.of(CalibrationMetrics.outcomes(results), CALIBRATION_BINS));
  }

  /**
   * Fault episodes whose top candidate is not the root-cause service, and controls that were blamed
   * on something.
   */
  public List<EpisodeResult> missed() {
    return episodes.stream().filter(r -> !r.correct()).toList();
  }

  /** One phase of the per-episode profile over the suite: median, p95 and mean. */
  public record PhaseStat(int episodes, double median, double p95, double mean) {}

  /**
   * The per-episode profile ({@link EpisodeResult#phases()}) aggregated by phase name, in order of
   * first appearance; an episode without a phase counts as 0 for it.
   */
  public Map<String, PhaseStat> phaseProfile() {
    Map<String, List<Double>> by = new LinkedHashMap<>();
    List<EpisodeResult> profiled = episodes.stream().filter(e -> !e.phases().isEmpty()).toList();
    for (EpisodeResult e : profiled) {
      e.phases().keySet().forEach(k -> by.putIfAbsent(k, new ArrayList<>()));
    }
    Map<String, PhaseStat> out = new LinkedHashMap<>();
    by.forEach(
        (k, xs) -> {
          for (EpisodeResult e : profiled) {
            xs.add((double) e.phases().getOrDefault(k, 0L));
          }
          double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
          out.put(k, new PhaseStat(xs.size(), quantile(xs, 0.5), quantile(xs, 0.95), mean));
        });
    return out;
  }

  private static Map<String, Breakdown> split(
      List<EpisodeResult> results, Function<EpisodeResult, String> key) {
    Map<String, List<EpisodeResult>> groups = new TreeMap<>();
    for (EpisodeResult r : results) {
      groups
          .computeIfAbsent(key.apply(r).isEmpty() ? "?" : key.apply(r), k -> new ArrayList<>())
          .add(r);
    }
    Map<String, Breakdown> out = new LinkedHashMap<>();
    groups.forEach((k, v) -> out.put(k, breakdown(v)));
    return out;
  }

  static Breakdown breakdown(List<EpisodeResult> results) {
    int faults = 0;
    int controls = 0;
    int top1 = 0;
    int top3 = 0;
    int cls = 0;
    int blamed = 0;
    for (EpisodeResult r : results) {
      if (r.control()) {
        controls++;
        blamed += r.blamedControl() ? 1 : 0;
        continue;
      }
      faults++;
      top1 += r.top1() ? 1 : 0;
      top3 += r.top3() ? 1 : 0;
      cls += r.classMatch() ? 1 : 0;
    }
    return new Breakdown(
        results.size(),
        faults,
        controls,
        ratio(top1, faults),
        ratio(top3, faults),
        ratio(cls, faults),
        ratio(blamed, controls));
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

package dev.warroom.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Accuracy of root-cause ranking over labelled bundles, as the RCA literature scores it: AC@k is
 * the share of incidents whose true service is among the first k candidates, Avg@5 the mean of
 * AC@1..AC@5 (e.g. Nezha, FSE 2023; RCAEval). Abstentions are reports that did not commit to a root
 * cause; they still count by their ranking. Times are per incident, load included.
 */
public record BundleScore(
    int incidents,
    double ac1,
    double ac3,
    double ac5,
    double avg5,
    int abstained,
    int noCandidate,
    int failed,
    long medianMillis,
    long p95Millis) {

  /** The score of {@code outcomes}; all zero when there are none. */
  public static BundleScore of(Collection<BundleOutcome> outcomes) {
    int n = outcomes.size();
    if (n == 0) {
      return new BundleScore(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    double[] ac = new double[6];
    int abstained = 0;
    int none = 0;
    int failed = 0;
    List<Long> times = new ArrayList<>();
    for (BundleOutcome o : outcomes) {
      for (int k = 1; k <= 5; k++) {
        if (o.hit(k)) {
          ac[k]++;
        }
      }
      abstained += o.abstained() ? 1 : 0;
      none += o.ranked().isEmpty() ? 1 : 0;
      failed += o.error().isEmpty() ? 0 : 1;
      times.add(o.millis());
    }
    double avg = 0;
    for (int k = 1; k <= 5; k++) {
      ac[k] /= n;
      avg += ac[k] / 5;
    }
    times.sort(Long::compare);
    return new BundleScore(
        n,
        ac[1],
        ac[3],
        ac[5],
        avg,
        abstained,
        none,
        failed,
        times.get((n - 1) / 2),
        times.get(Math.min(n - 1, (int) Math.ceil(0.95 * n) - 1)));
  }

  /** Scores per group of outcomes, e.g. per fault type, in key order. */
  public static Map<String, BundleScore> byGroup(
      Collection<BundleOutcome> outcomes, Function<BundleOutcome, String> key) {
    Map<String, List<BundleOutcome>> groups = new TreeMap<>();
    for (BundleOutcome o : outcomes) {
      groups.computeIfAbsent(key.apply(o), k -> new ArrayList<>()).add(o);
    }
    Map<String, BundleScore> out = new TreeMap<>();
    groups.forEach((k, v) -> out.put(k, of(v)));
    return out;
  }
}

package dev.warroom.experts.topology;

import dev.warroom.model.DependencyEdge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The anomaly-weighted random walk with restart of {@link RootCauseRanker}, solved by power
 * iteration. Transition weights out of node u: to each callee v, anomaly(v); to each caller w,
 * backwardWeight * anomaly(w); to itself, max(0, anomaly(u) - the largest of those). A node with no
 * outgoing weight keeps its mass (it is where walkers stop).
 */
final class AnomalyWalk {
  private AnomalyWalk() {}

  static double[] stationary(
      List<String> names,
      Map<String, Integer> index,
      List<DependencyEdge> edges,
      double[] anomaly,
      RankerConfig config) {
    int n = names.size();
    List<List<Integer>> targets = new ArrayList<>(n);
    List<List<Double>> weights = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      targets.add(new ArrayList<>());
      weights.add(new ArrayList<>());
    }
    for (DependencyEdge e : edges) {
      Integer u = index.get(e.caller());
      Integer v = index.get(e.callee());
      if (u == null || v == null || u.equals(v)) {
        continue;
      }
      targets.get(u).add(v);
      weights.get(u).add(anomaly[v]);
      targets.get(v).add(u);
      weights.get(v).add(config.backwardWeight() * anomaly[u]);
    }
    double[][] w = new double[n][];
    int[][] to = new int[n][];
    for (int i = 0; i < n; i++) {
      int k = targets.get(i).size();
      to[i] = new int[k + 1];
      w[i] = new double[k + 1];
      double maxOut = 0;
      double total = 0;
      for (int j = 0; j < k; j++) {
        to[i][j] = targets.get(i).get(j);
        w[i][j] = weights.get(i).get(j);
        maxOut = Math.max(maxOut, w[i][j]);
        total += w[i][j];
      }
      to[i][k] = i;
      w[i][k] = Math.max(0, anomaly[i] - maxOut);
      total += w[i][k];
      for (int j = 0; j <= k; j++) {
        w[i][j] = total > 0 ? w[i][j] / total : (j == k ? 1 : 0);
      }
    }
    double[] restart = new double[n];
    double sum = 0;
    for (double a : anomaly) {
      sum += a;
    }
    for (int i = 0; i < n; i++) {
      // With no anomaly anywhere the walk is plain PageRank with uniform restart.
      restart[i] = sum > 0 ? anomaly[i] / sum : 1.0 / n;
    }
    double alpha = config.restartProbability();
    double[] r = restart.clone();
    for (int it = 0; it < config.iterations(); it++) {
      double[] next = new double[n];
      for (int i = 0; i < n; i++) {
        next[i] += alpha * restart[i];
        for (int j = 0; j < to[i].length; j++) {
          next[to[i][j]] += (1 - alpha) * r[i] * w[i][j];
        }
      }
      r = next;
    }
    return r;
  }
}

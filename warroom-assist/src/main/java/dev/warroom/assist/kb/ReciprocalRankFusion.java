package dev.warroom.assist.kb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal-rank fusion (Cormack, Clarke and Büttcher, "Reciprocal Rank Fusion outperforms
 * Condorcet and individual Rank Learning Methods", SIGIR 2009): an item's fused score is the sum
 * over the lists that hold it of {@code 1 / (k + rank)}, with {@code k = 60} as in the paper. It
 * needs no score calibration between BM25 and cosine similarity, which live on unrelated scales.
 */
final class ReciprocalRankFusion {
  static final int K = 60;

  private ReciprocalRankFusion() {}

  /** One fused item: its key, fused score, and 1-based rank in each list (0 = absent). */
  record Fused(String key, double score, int[] ranks) {}

  /** Fuses ranked key lists (best first); ties keep the order of first appearance. */
  static List<Fused> fuse(List<List<String>> lists) {
    Map<String, int[]> ranks = new LinkedHashMap<>();
    for (int l = 0; l < lists.size(); l++) {
      List<String> list = lists.get(l);
      for (int i = 0; i < list.size(); i++) {
        int[] r = ranks.computeIfAbsent(list.get(i), k -> new int[lists.size()]);
        if (r[l] == 0) {
          r[l] = i + 1;
        }
      }
    }
    List<Fused> out = new ArrayList<>();
    ranks.forEach(
        (key, r) -> {
          double score = 0;
          for (int rank : r) {
            if (rank > 0) {
              score += 1.0 / (K + rank);
            }
          }
          out.add(new Fused(key, score, r));
        });
    out.sort(Comparator.comparingDouble(Fused::score).reversed());
    return out;
  }
}

package dev.warroom.engine.director;

import dev.warroom.model.FaultClass;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Re-ranks the hand-weighted fusion's candidates with the {@link RcaModel}: each candidate's score
 * becomes its probability of being the root cause (the detector's probability that there is a fault
 * times the ranker's that it is this candidate), its fault class the model's most probable class
 * for its evidence, and its votes the class probabilities (the report lists them beside the
 * evidence ids). Component, onset and evidence stay those of the fusion, so the report still cites
 * exactly the findings behind each candidate.
 */
final class LearnedFusion {
  private LearnedFusion() {}

  /** Class probabilities kept on a candidate for the report. */
  static final int CLASSES_SHOWN = 3;

  static List<EvidenceFusion.Candidate> apply(
      RcaModel model, FusionInput in, List<EvidenceFusion.Candidate> ranked) {
    Map<String, Map<String, Double>> features = CandidateFeatures.of(in, ranked);
    List<Map<String, Double>> fs = ranked.stream().map(c -> features.get(c.service())).toList();
    double[] choice = model.choiceProbabilities(fs);
    int top = argmax(choice);
    double fault = ranked.isEmpty() ? 0 : model.faultProbability(detectorFeatures(fs, choice, top));
    List<EvidenceFusion.Candidate> out = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      EvidenceFusion.Candidate c = ranked.get(i);
      Map<String, Double> f = fs.get(i);
      double p = fault * choice[i];
      Map<FaultClass, Double> probs = model.classProbabilities(f);
      FaultClass best = c.faultClass();
      Map<FaultClass, Double> shown = new EnumMap<>(FaultClass.class);
      if (!probs.isEmpty()) {
        List<Map.Entry<FaultClass, Double>> sorted =
            probs.entrySet().stream()
                .sorted(Map.Entry.<FaultClass, Double>comparingByValue().reversed())
                .toList();
        best = sorted.get(0).getKey();
        if (sorted.get(0).getValue() < model.classAtLeast() && c.faultClass() != null) {
          // The model sees no class clearly (e.g. evidence unlike its training bundles, such as
          // logs alone): keep the class the findings themselves name; the verdict says
          // inconclusive.
          best = c.faultClass();
        }
        sorted.stream().limit(CLASSES_SHOWN).forEach(e -> shown.put(e.getKey(), e.getValue()));
      }
      out.add(
          new EvidenceFusion.Candidate(
              c.service(),
              c.component(),
              best,
              c.onset(),
              c.anomaly(),
              c.walk(),
              p,
              Map.copyOf(shown),
              c.findings(),
              c.evidenceIds(),
              explain(model, best, f)));
    }
    out.sort(
        Comparator.comparingDouble((EvidenceFusion.Candidate c) -> -c.score())
            .thenComparing(EvidenceFusion.Candidate::service));
    return out;
  }

  /** Terms of the class logit that pushed hardest towards the chosen class. */
  static final int REASONS_SHOWN = 4;

  private static List<String> explain(RcaModel m, FaultClass c, Map<String, Double> f) {
    if (c == null) {
      return List.of();
    }
    return m.contributions(c, f).entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(REASONS_SHOWN)
        .map(e -> String.format(java.util.Locale.ROOT, "%s %+.2f", e.getKey(), e.getValue()))
        .toList();
  }

  static int argmax(double[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * The detector's inputs: the top candidate's evidence features, how sure the ranker is of it and
   * its margin over the runner-up, how many candidates the evidence produced, and over all
   * candidates the strongest finding per actor and per named class and any Kubernetes reason
   * ({@code any.x.kubernetes_analysis}) — a fault leaves direct evidence somewhere, noise rarely.
   */
  static Map<String, Double> detectorFeatures(
      List<Map<String, Double>> all, double[] choice, int t) {
    Map<String, Double> d = new java.util.HashMap<>(all.get(t));
    for (Map<String, Double> f : all) {
      f.forEach(
          (k, v) -> {
            if (k.startsWith("x.") || k.startsWith("k8s.") || k.startsWith("class.")) {
              d.merge("any." + k, v, Math::max);
            }
          });
    }
    double second = 0;
    for (int i = 0; i < choice.length; i++) {
      if (i != t) {
        second = Math.max(second, choice[i]);
      }
    }
    d.put("ep.choice", choice[t]);
    d.put("ep.margin", choice[t] - second);
    d.put("ep.candidates", Math.log1p(choice.length));
    return d;
  }

  /** The probability of the class the model chose for the candidate. */
  static double classProbability(EvidenceFusion.Candidate c) {
    return c.votes().getOrDefault(c.faultClass(), 0.0);
  }
}

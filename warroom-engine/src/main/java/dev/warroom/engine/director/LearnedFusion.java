package dev.warroom.engine.director;

import dev.warroom.model.FaultClass;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Re-ranks the hand-weighted fusion's candidates with the {@link RcaModel}: each candidate's score
 * becomes its probability of being the root cause, its fault class the model's most probable class
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
    List<EvidenceFusion.Candidate> out = new ArrayList<>();
    for (EvidenceFusion.Candidate c : ranked) {
      Map<String, Double> f = features.get(c.service());
      double p = model.rootProbability(f);
      Map<FaultClass, Double> probs = model.classProbabilities(f);
      FaultClass best = c.faultClass();
      Map<FaultClass, Double> shown = new EnumMap<>(FaultClass.class);
      if (!probs.isEmpty()) {
        List<Map.Entry<FaultClass, Double>> sorted =
            probs.entrySet().stream()
                .sorted(Map.Entry.<FaultClass, Double>comparingByValue().reversed())
                .toList();
        best = sorted.get(0).getKey();
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
              c.evidenceIds()));
    }
    out.sort(
        Comparator.comparingDouble((EvidenceFusion.Candidate c) -> -c.score())
            .thenComparing(EvidenceFusion.Candidate::service));
    return out;
  }

  /** The probability of the class the model chose for the candidate. */
  static double classProbability(EvidenceFusion.Candidate c) {
    return c.votes().getOrDefault(c.faultClass(), 0.0);
  }
}

package dev.warroom.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an incident looked like, as a weighted set of features read from its report's structured
 * findings (never from the prose): the services named ({@code svc:}), fault classes ({@code
 * class:}), kinds of finding detail ({@code kind:}), metric signals ({@code signal:}), log
 * templates and categories ({@code log:}), exception types ({@code exc:}), Kubernetes reasons
 * ({@code reason:}) and change kinds ({@code change:}). A feature weighs its group's weight times
 * the highest score of a finding that shows it, so a service that is merely mentioned counts less
 * than one a strong finding blames.
 *
 * <p>Two fingerprints compare by weighted Jaccard similarity, Σ min(a_i, b_i) / Σ max(a_i, b_i)
 * (the generalisation of Jaccard to non-negative weights; Ioffe 2010, "Improved consistent
 * sampling, weighted minhash and L1 sketching"): 1 for the same weighted set, 0 for nothing shared.
 *
 * @param features feature → weight (> 0)
 */
public record IncidentFingerprint(Map<String, Double> features) {
  public IncidentFingerprint {
    features = Map.copyOf(features);
  }

  /** Group weights: what an incident is about matters more than the kind of evidence for it. */
  static final Map<String, Double> GROUP_WEIGHT =
      Map.of(
          "svc", 1.0,
          "class", 1.0,
          "kind", 0.5,
          "signal", 0.75,
          "log", 0.75,
          "exc", 0.75,
          "reason", 0.75,
          "change", 0.5);

  /** The fingerprint of a report in warroom's JSON form ({@link JsonReport}). */
  public static IncidentFingerprint of(JsonNode report) {
    Objects.requireNonNull(report, "report");
    Map<String, Double> f = new HashMap<>();
    for (JsonNode c : report.path("candidates")) {
      double s = clamp(c.path("score").asDouble(0.5));
      add(f, "svc", c.path("service").asText(""), s);
      add(f, "class", c.path("faultClass").asText(""), s);
    }
    for (JsonNode x : report.path("findings")) {
      double s = clamp(x.path("score").asDouble(0.5));
      add(f, "svc", x.path("service").asText(""), s);
      add(f, "class", x.path("faultClass").asText(""), s);
      JsonNode d = x.path("detail");
      add(f, "kind", d.path("kind").asText(""), s);
      add(f, "signal", d.path("signal").asText(""), s);
      add(f, "log", d.path("template").asText(""), s);
      add(f, "log", d.path("category").asText(""), s);
      add(f, "exc", d.path("exception").asText(""), s);
      for (JsonNode e : d.path("exceptions")) {
        add(f, "exc", e.asText(""), s);
      }
      add(f, "reason", d.path("reason").asText(""), s);
      add(f, "change", d.path("change").asText(""), s);
    }
    return new IncidentFingerprint(f);
  }

  private static double clamp(double s) {
    // a finding with no score still says the feature was seen
    return Math.max(0.1, Math.min(1, Double.isFinite(s) ? s : 0.5));
  }

  private static void add(Map<String, Double> f, String group, String value, double score) {
    if (value.isBlank() || value.equals("null") || value.equals("none")) {
      return;
    }
    f.merge(group + ":" + value, GROUP_WEIGHT.get(group) * score, Math::max);
  }

  /** Weighted Jaccard similarity in [0,1]; 0 when both are empty. */
  public double similarity(IncidentFingerprint other) {
    double min = 0;
    double max = 0;
    for (var e : features.entrySet()) {
      double b = other.features.getOrDefault(e.getKey(), 0.0);
      min += Math.min(e.getValue(), b);
      max += Math.max(e.getValue(), b);
    }
    for (var e : other.features.entrySet()) {
      if (!features.containsKey(e.getKey())) {
        max += e.getValue();
      }
    }
    return max == 0 ? 0 : min / max;
  }

  /** The features both share, the heaviest shared weight first. */
  public List<String> shared(IncidentFingerprint other) {
    List<Map.Entry<String, Double>> both = new ArrayList<>();
    for (var e : features.entrySet()) {
      Double b = other.features.get(e.getKey());
      if (b != null) {
        both.add(Map.entry(e.getKey(), Math.min(e.getValue(), b)));
      }
    }
    both.sort(
        Map.Entry.<String, Double>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    return both.stream().map(Map.Entry::getKey).toList();
  }
}

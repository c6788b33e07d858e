package dev.warroom.engine.director;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.FaultClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The learned part of the fusion, three logistic models over {@link CandidateFeatures}: a ranker, a
 * conditional logit over an episode's candidates ({@code P(candidate i is the cause | there is
 * one)}); a detector, logistic regression on the top candidate's features ({@code P(there is a
 * fault)}, trained on fault episodes against no-fault controls); and a multinomial logistic
 * regression (softmax) over the fault classes of the true root-cause candidate. All are fitted by
 * {@link RcaModelTrainer} on gym episodes of training seeds only (docs/engine.md lists them) and
 * shipped as the resource {@code rca-model.json}. A candidate's probability of being the root cause
 * is the product of the detector's and the ranker's.
 *
 * @param ranker feature → weight of a candidate's utility in the conditional logit
 * @param detector feature → weight of the "there is a fault" logit
 * @param classes fault class → feature → weight of its softmax logit
 * @param noFaultBelow top candidate's root-cause probability under which the verdict is "no fault"
 * @param classAtLeast class probability under which the class is not stated with confidence
 * @param trainedOn a description of the training data (seeds, episodes)
 * @param version the name reports give the model: its version in a model directory ("v3"), or
 *     "shipped" for the resource
 */
record RcaModel(
    Map<String, Double> ranker,
    Map<String, Double> detector,
    Map<FaultClass, Map<String, Double>> classes,
    double noFaultBelow,
    double classAtLeast,
    String trainedOn,
    String version) {
  RcaModel {
    ranker = Map.copyOf(ranker);
    detector = Map.copyOf(detector);
    Map<FaultClass, Map<String, Double>> c = new EnumMap<>(FaultClass.class);
    classes.forEach((k, v) -> c.put(k, Map.copyOf(v)));
    classes = c;
    if (!(noFaultBelow >= 0 && noFaultBelow <= 1)) {
      throw new IllegalArgumentException("noFaultBelow not in [0,1]: " + noFaultBelow);
    }
    Objects.requireNonNull(trainedOn, "trainedOn");
    version = version == null || version.isBlank() ? "unversioned" : version;
  }

  /** A model not (yet) named by a model directory. */
  RcaModel(
      Map<String, Double> ranker,
      Map<String, Double> detector,
      Map<FaultClass, Map<String, Double>> classes,
      double noFaultBelow,
      double classAtLeast,
      String trainedOn) {
    this(ranker, detector, classes, noFaultBelow, classAtLeast, trainedOn, null);
  }

  /** This model under another name. */
  RcaModel named(String v) {
    return new RcaModel(ranker, detector, classes, noFaultBelow, classAtLeast, trainedOn, v);
  }

  static final String RESOURCE = "rca-model.json";

  /** The shipped model, or empty when the resource is absent (the hand-set fusion is used). */
  static Optional<RcaModel> shipped() {
    try (InputStream in = RcaModel.class.getResourceAsStream(RESOURCE)) {
      return in == null
          ? Optional.empty()
          : Optional.of(fromJson(new ObjectMapper().readTree(in)).named("shipped"));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
    }
  }

  /** The shipped model, parsed on first use and kept for the process. */
  static Optional<RcaModel> shippedOnce() {
    return Shipped.MODEL;
  }

  private static final class Shipped {
    static final Optional<RcaModel> MODEL = shipped();
  }

  /** For each candidate (features in order), the probability that it is the one at fault. */
  double[] choiceProbabilities(java.util.List<Map<String, Double>> candidates) {
    double[] z = new double[candidates.size()];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < z.length; i++) {
      z[i] = dot(ranker, candidates.get(i));
      max = Math.max(max, z[i]);
    }
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.exp(z[i] - max);
      sum += z[i];
    }
    for (int i = 0; i < z.length; i++) {
      z[i] /= sum;
    }
    return z;
  }

  /** The probability that there is a fault, from the detector's features. */
  double faultProbability(Map<String, Double> detectorFeatures) {
    return sigmoid(dot(detector, detectorFeatures));
  }

  /** The probability of each fault class for a candidate with these features. */
  Map<FaultClass, Double> classProbabilities(Map<String, Double> features) {
    Map<FaultClass, Double> z = new EnumMap<>(FaultClass.class);
    double max = Double.NEGATIVE_INFINITY;
    for (var e : classes.entrySet()) {
      double v = dot(e.getValue(), features);
      z.put(e.getKey(), v);
      max = Math.max(max, v);
    }
    double sum = 0;
    for (var e : z.entrySet()) {
      double v = Math.exp(e.getValue() - max);
      e.setValue(v);
      sum += v;
    }
    for (var e : z.entrySet()) {
      e.setValue(e.getValue() / sum);
    }
    return z;
  }

  /** The terms of a class's logit, largest first: which evidence made the model say it. */
  Map<String, Double> contributions(FaultClass c, Map<String, Double> features) {
    Map<String, Double> out = new HashMap<>();
    Map<String, Double> w = classes.getOrDefault(c, Map.of());
    features.forEach(
        (k, v) -> {
          if (w.containsKey(k) && !k.equals("bias")) {
            out.put(k, w.get(k) * v);
          }
        });
    return out;
  }

  static double dot(Map<String, Double> w, Map<String, Double> x) {
    double s = 0;
    for (var e : x.entrySet()) {
      Double wi = w.get(e.getKey());
      if (wi != null) {
        s += wi * e.getValue();
      }
    }
    return s;
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  ObjectNode toJson(ObjectMapper m) {
    ObjectNode o = m.createObjectNode();
    o.put("version", version);
    o.put("trainedOn", trainedOn);
    o.put("noFaultBelow", noFaultBelow);
    o.put("classAtLeast", classAtLeast);
    ObjectNode r = o.putObject("ranker");
    new java.util.TreeMap<>(ranker).forEach(r::put);
    ObjectNode d = o.putObject("detector");
    new java.util.TreeMap<>(detector).forEach(d::put);
    ObjectNode cs = o.putObject("classes");
    classes.forEach(
        (k, v) -> {
          ObjectNode c = cs.putObject(k.id());
          new java.util.TreeMap<>(v).forEach(c::put);
        });
    return o;
  }

  static RcaModel fromJson(JsonNode o) {
    Map<String, Double> r = new HashMap<>();
    o.path("ranker").properties().forEach(e -> r.put(e.getKey(), e.getValue().asDouble()));
    Map<String, Double> d = new HashMap<>();
    o.path("detector").properties().forEach(e -> d.put(e.getKey(), e.getValue().asDouble()));
    Map<FaultClass, Map<String, Double>> cs = new EnumMap<>(FaultClass.class);
    o.path("classes")
        .properties()
        .forEach(
            e -> {
              Map<String, Double> w = new HashMap<>();
              e.getValue().properties().forEach(p -> w.put(p.getKey(), p.getValue().asDouble()));
              cs.put(FaultClass.parse(e.getKey()), w);
            });
    return new RcaModel(
        r,
        d,
        cs,
        o.path("noFaultBelow").asDouble(),
        o.path("classAtLeast").asDouble(),
        o.path("trainedOn").asText(),
        o.path("version").asText(null));
  }
}

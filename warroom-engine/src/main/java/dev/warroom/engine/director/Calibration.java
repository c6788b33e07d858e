package dev.warroom.engine.director;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Maps the raw fused score of the top candidate (and its margin over the runner-up) to the
 * probability that it is the root cause. Two fitted forms: Platt scaling (Platt 1999), {@code p = 1
 * / (1 + exp(-(a·score + b·margin + c)))}, or, when {@code isotonic} is set, an isotonic regression
 * of correctness on the score (pool-adjacent-violators, Zadrozny &amp; Elkan 2002) read by linear
 * interpolation. {@code warroom gym calibrate} fits both on gym episodes, keeps the one with the
 * lower cross-validated log-loss and writes it as JSON; {@link #DEFAULT} is the shipped fit (the
 * resource {@code calibration.json} beside this class), so a calibrated 0.8 means "right about 8
 * times in 10" on that distribution.
 *
 * @param a weight of the top fused score (Platt)
 * @param b weight of the margin to the second candidate (Platt)
 * @param c intercept (Platt)
 * @param noFaultBelow top raw fused score under which the verdict is "no root cause found"
 * @param inconclusiveBelow calibrated probability under which the verdict is inconclusive
 * @param isotonic the isotonic map, or null for Platt scaling
 * @param fittedOn what the constants were fitted on (suite, episodes, date), for the docs
 */
public record Calibration(
    double a,
    double b,
    double c,
    double noFaultBelow,
    double inconclusiveBelow,
    Isotonic isotonic,
    String fittedOn) {
  public Calibration {
    if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
      throw new IllegalArgumentException(
          "Platt constants must be finite: " + a + ", " + b + ", " + c);
    }
    if (!(noFaultBelow >= 0 && noFaultBelow <= 1)) {
      throw new IllegalArgumentException("noFaultBelow not in [0,1]: " + noFaultBelow);
    }
    if (!(inconclusiveBelow >= 0 && inconclusiveBelow <= 1)) {
      throw new IllegalArgumentException("inconclusiveBelow not in [0,1]: " + inconclusiveBelow);
    }
    fittedOn = fittedOn == null ? "" : fittedOn;
  }

  /** Platt scaling with hand-set or fitted constants. */
  public Calibration(double a, double b, double c, double noFaultBelow, double inconclusiveBelow) {
    this(a, b, c, noFaultBelow, inconclusiveBelow, null, "");
  }

  /**
   * A monotone map from raw score to probability: the points are (score, probability) pairs with
   * strictly increasing scores and non-decreasing probabilities; between points the probability is
   * interpolated linearly, outside them it is the nearest end's.
   */
  public record Isotonic(List<Double> scores, List<Double> probabilities) {
    public Isotonic {
      scores = List.copyOf(scores);
      probabilities = List.copyOf(probabilities);
      if (scores.isEmpty() || scores.size() != probabilities.size()) {
        throw new IllegalArgumentException(
            "isotonic: need as many probabilities as scores, at least one: "
                + scores.size()
                + " vs "
                + probabilities.size());
      }
      for (int i = 0; i < scores.size(); i++) {
        double p = probabilities.get(i);
        if (!(p >= 0 && p <= 1)) {
          throw new IllegalArgumentException("isotonic: probability " + i + " not in [0,1]: " + p);
        }
        if (i > 0 && !(scores.get(i) > scores.get(i - 1))) {
          throw new IllegalArgumentException("isotonic: scores not increasing at " + i);
        }
        if (i > 0 && p < probabilities.get(i - 1)) {
          throw new IllegalArgumentException("isotonic: probabilities decrease at " + i);
        }
      }
    }

    double at(double score) {
      int n = scores.size();
      if (score <= scores.get(0)) {
        return probabilities.get(0);
      }
      if (score >= scores.get(n - 1)) {
        return probabilities.get(n - 1);
      }
      int i = 1;
      while (scores.get(i) < score) {
        i++;
      }
      double x0 = scores.get(i - 1);
      double x1 = scores.get(i);
      double t = (score - x0) / (x1 - x0);
      return probabilities.get(i - 1) + t * (probabilities.get(i) - probabilities.get(i - 1));
    }
  }

  /** The hand-set constants used before any fit, and when the shipped resource is absent. */
  public static final Calibration HAND_SET =
      new Calibration(4.0, 3.0, -2.0, 0.35, 0.3, null, "hand-set, not fitted");

  /** The shipped calibration: the resource {@code calibration.json}, else {@link #HAND_SET}. */
  public static final Calibration DEFAULT = shipped();

  /**
   * The raw score itself (clamped to [0,1]) and no inconclusive band: what {@code warroom gym
   * calibrate} investigates with, so the reports' confidences are the raw scores it fits on.
   */
  public static Calibration identity(double noFaultBelow) {
    return new Calibration(
        0, 0, 0, noFaultBelow, 0, new Isotonic(List.of(0.0, 1.0), List.of(0.0, 1.0)), "identity");
  }

  /** The calibrated probability for a top score and its margin over the second. */
  public double probability(double topScore, double margin) {
    if (isotonic != null) {
      return isotonic.at(topScore);
    }
    double z = a * topScore + b * margin + c;
    return 1.0 / (1.0 + Math.exp(-z));
  }

  /** {@code "platt"} or {@code "isotonic"}. */
  public String method() {
    return isotonic == null ? "platt" : "isotonic";
  }

  private static Calibration shipped() {
    try (InputStream in = Calibration.class.getResourceAsStream("calibration.json")) {
      return in == null ? HAND_SET : fromJson(new ObjectMapper().readTree(in), "calibration.json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a calibration written by {@link #toJson}.
   *
   * @throws IllegalArgumentException naming the file and field when it is malformed
   */
  public static Calibration load(Path file) {
    try {
      return fromJson(new ObjectMapper().readTree(Files.readString(file)), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  static Calibration fromJson(JsonNode n, String where) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(where + ": not a JSON object");
    }
    String method = n.path("method").asText("platt");
    Isotonic iso = null;
    if (method.equals("isotonic")) {
      JsonNode i = n.path("isotonic");
      iso = new Isotonic(doubles(i.path("scores"), where), doubles(i.path("probabilities"), where));
    } else if (!method.equals("platt")) {
      throw new IllegalArgumentException(where + ": method must be platt or isotonic: " + method);
    }
    return new Calibration(
        number(n, "a", where),
        number(n, "b", where),
        number(n, "c", where),
        number(n, "noFaultBelow", where),
        number(n, "inconclusiveBelow", where),
        iso,
        n.path("fittedOn").asText(""));
  }

  private static double number(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException(where + ": field '" + field + "' must be a number");
    }
    return v.asDouble();
  }

  private static List<Double> doubles(JsonNode a, String where) {
    if (!a.isArray()) {
      throw new IllegalArgumentException(where + ": isotonic scores/probabilities must be arrays");
    }
    List<Double> out = new ArrayList<>();
    a.forEach(x -> out.add(x.asDouble()));
    return out;
  }

  /** This calibration as JSON, with {@code extra} fields (fit statistics) added. */
  public ObjectNode toJson(ObjectNode extra) {
    ObjectNode n = new ObjectMapper().createObjectNode();
    n.put("method", method())
        .put("a", a)
        .put("b", b)
        .put("c", c)
        .put("noFaultBelow", noFaultBelow)
        .put("inconclusiveBelow", inconclusiveBelow)
        .put("fittedOn", fittedOn);
    if (isotonic != null) {
      ObjectNode i = n.putObject("isotonic");
      ArrayNode s = i.putArray("scores");
      isotonic.scores().forEach(s::add);
      ArrayNode p = i.putArray("probabilities");
      isotonic.probabilities().forEach(p::add);
    }
    if (extra != null) {
      n.setAll(Objects.requireNonNull(extra));
    }
    return n;
  }
}

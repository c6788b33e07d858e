package dev.warroom.experts.logs;

import dev.warroom.model.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Template frequency shift between a baseline and an incident window. Each template's counts are
 * compared with the conditional test for two Poisson rates (Przyborowski and Wilenski 1940; the
 * "C-test" of Krishnamoorthy and Thomson, 2004): given {@code n = x_b + x_i} lines in both windows,
 * under equal rates {@code x_i ~ Binomial(n, t_i / (t_b + t_i))} where {@code t} are the window
 * lengths, and the one-sided tail in the observed direction is the p-value. Significance controls
 * the false discovery rate at {@code alpha} over the {@code m} templates compared
 * (Benjamini-Hochberg step-up), which keeps a handful of brand-new error lines detectable where a
 * Bonferroni bound would drown them among hundreds of templates. Results list errors and warnings
 * first, then by p-value.
 */
public final class FrequencyShift {
  private FrequencyShift() {}

  /**
   * Per-template counts in the two windows, collected by the caller; {@code service} is the service
   * that wrote them, or null when counted over all services.
   */
  public record Counts(
      int templateId,
      String service,
      String template,
      Severity severity,
      long baseline,
      long incident,
      List<String> examples) {
    public Counts {
      examples = List.copyOf(examples);
    }
  }

  /** Compares all templates; {@code alpha} is the family-wise significance level (e.g. 0.01). */
  public static List<TemplateShift> compare(
      List<Counts> counts, Duration baselineLength, Duration incidentLength, double alpha) {
    if (baselineLength.isNegative()
        || baselineLength.isZero()
        || incidentLength.isNegative()
        || incidentLength.isZero()) {
      throw new IllegalArgumentException(
          "window lengths must be positive: " + baselineLength + ", " + incidentLength);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha not in (0,1): " + alpha);
    }
    double tb = baselineLength.toMillis() / 60000.0;
    double ti = incidentLength.toMillis() / 60000.0;
    double share = ti / (tb + ti);
    double[] pValues = new double[counts.size()];
    for (int i = 0; i < pValues.length; i++) {
      Counts c = counts.get(i);
      long n = c.baseline() + c.incident();
      pValues[i] =
          n == 0 ? 1.0 : pValue((int) n, share, (int) c.incident(), c.incident() > n * share);
    }
    double level = benjaminiHochbergLevel(pValues, alpha);
    List<TemplateShift> out = new ArrayList<>(counts.size());
    for (int i = 0; i < pValues.length; i++) {
      Counts c = counts.get(i);
      long n = c.baseline() + c.incident();
      boolean up = c.incident() > n * share;
      double p = pValues[i];
      boolean significant = p <= level;
      TemplateShift.Kind kind;
      if (!significant) {
        kind = TemplateShift.Kind.UNCHANGED;
      } else if (c.baseline() == 0) {
        kind = TemplateShift.Kind.NEW;
      } else if (c.incident() == 0) {
        kind = TemplateShift.Kind.VANISHED;
      } else {
        kind = up ? TemplateShift.Kind.INCREASED : TemplateShift.Kind.DECREASED;
      }
      out.add(
          new TemplateShift(
              c.templateId(),
              c.service(),
              c.template(),
              c.severity(),
              kind,
              c.baseline(),
              c.incident(),
              c.baseline() / tb,
              c.incident() / ti,
              p,
              significant,
              c.examples()));
    }
    out.sort(
        Comparator.comparing((TemplateShift s) -> !s.significant())
            .thenComparing(s -> !s.severity().atLeast(Severity.WARN))
            .thenComparing(TemplateShift::severity, Comparator.reverseOrder())
            .thenComparingDouble(TemplateShift::pValue)
            .thenComparing(s -> -s.incidentCount()));
    return out;
  }

  /** The largest p-value still significant under the Benjamini-Hochberg step-up; -1 if none. */
  static double benjaminiHochbergLevel(double[] pValues, double alpha) {
    double[] sorted = pValues.clone();
    java.util.Arrays.sort(sorted);
    double level = -1;
    for (int k = 0; k < sorted.length; k++) {
      if (sorted[k] <= (k + 1) * alpha / sorted.length) {
        level = sorted[k];
      }
    }
    return level;
  }

  /** One-sided binomial tail: P(X ≥ k) when {@code upper}, else P(X ≤ k). */
  static double pValue(int n, double share, int k, boolean upper) {
    BinomialDistribution b = new BinomialDistribution(null, n, share);
    double p = upper ? 1.0 - b.cumulativeProbability(k - 1) : b.cumulativeProbability(k);
    return Math.min(1.0, Math.max(0.0, p));
  }
}

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

  /**
   * What else a significant change must show besides its false-discovery-rate level. A rate test on
   * short windows flags ordinary noise on top of a tiny baseline (3 lines an hour becoming 2 in ten
   * minutes is "significant" at a loose level); a floor on the rate ratio and on the incident count
   * keeps only changes an operator would call a rise.
   *
   * @param alpha the Benjamini-Hochberg false-discovery-rate level over the compared family, in
   *     (0,1)
   * @param minRatio a rise needs an incident rate at least this multiple of the baseline rate (a
   *     fall the converse); 1 means no floor
   * @param minIncident a rise needs at least this many incident events
   * @param minWithoutBaseline with no baseline exposure at all (no test possible), a rise needs at
   *     least this many incident events
   */
  public record Options(double alpha, double minRatio, long minIncident, long minWithoutBaseline) {
    public Options {
      if (!(alpha > 0 && alpha < 1)) {
        throw new IllegalArgumentException("alpha not in (0,1): " + alpha);
      }
      if (!(minRatio >= 1)) {
        throw new IllegalArgumentException("minRatio < 1: " + minRatio);
      }
      if (minIncident < 0 || minWithoutBaseline < 0) {
        throw new IllegalArgumentException(
            "negative minimum count: " + minIncident + ", " + minWithoutBaseline);
      }
    }

    /** Only the false-discovery-rate level, no floors. */
    public static Options fdr(double alpha) {
      return new Options(alpha, 1.0, 0, 0);
    }

    /**
     * The rule for error bursts in an investigation's windows: FDR 1e-4, at least twice the
     * baseline rate and 5 events, or 20 events when there is no baseline to compare with.
     */
    public static Options errorBurst() {
      return new Options(1e-4, 2.0, 5, 20);
    }
  }

  /**
   * A count of events over an exposure in the baseline and the incident. The exposure is whatever
   * the counts are proportional to under "nothing changed": window minutes for log lines, requests
   * for failed requests.
   */
  public record Exposure(
      long baselineCount, double baselineExposure, long incidentCount, double incidentExposure) {
    public Exposure {
      if (baselineCount < 0 || incidentCount < 0) {
        throw new IllegalArgumentException(
            "negative count: " + baselineCount + ", " + incidentCount);
      }
      if (!(baselineExposure >= 0 && incidentExposure >= 0)) {
        throw new IllegalArgumentException(
            "negative exposure: " + baselineExposure + ", " + incidentExposure);
      }
    }
  }

  /** Compares all templates; {@code alpha} is the family-wise significance level (e.g. 0.01). */
  public static List<TemplateShift> compare(
      List<Counts> counts, Duration baselineLength, Duration incidentLength, double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha not in (0,1): " + alpha);
    }
    return compare(counts, baselineLength, incidentLength, Options.fdr(alpha));
  }

  /**
   * Compares all templates under the FDR level and the floors of {@code options}; a change that
   * passes the test but not a floor is {@link TemplateShift.Kind#UNCHANGED}.
   */
  public static List<TemplateShift> compare(
      List<Counts> counts, Duration baselineLength, Duration incidentLength, Options options) {
    if (baselineLength.isNegative()
        || baselineLength.isZero()
        || incidentLength.isNegative()
        || incidentLength.isZero()) {
      throw new IllegalArgumentException(
          "window lengths must be positive: " + baselineLength + ", " + incidentLength);
    }
    double tb = baselineLength.toMillis() / 60000.0;
    double ti = incidentLength.toMillis() / 60000.0;
    List<Exposure> pairs = new ArrayList<>(counts.size());
    for (Counts c : counts) {
      pairs.add(new Exposure(c.baseline(), tb, c.incident(), ti));
    }
    Decision[] decisions = decide(pairs, options);
    List<TemplateShift> out = new ArrayList<>(counts.size());
    for (int i = 0; i < decisions.length; i++) {
      Counts c = counts.get(i);
      Decision d = decisions[i];
      TemplateShift.Kind kind;
      if (!d.significant()) {
        kind = TemplateShift.Kind.UNCHANGED;
      } else if (c.baseline() == 0) {
        kind = TemplateShift.Kind.NEW;
      } else if (c.incident() == 0) {
        kind = TemplateShift.Kind.VANISHED;
      } else {
        kind = d.up() ? TemplateShift.Kind.INCREASED : TemplateShift.Kind.DECREASED;
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
              d.pValue(),
              d.significant(),
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

  /**
   * Which of the pairs rose: the same conditional test as {@link #compare}, Benjamini-Hochberg over
   * all pairs given, then the floors of {@code options}. Index {@code i} of the result answers pair
   * {@code i}. A pair with no baseline exposure rose when its incident count reaches {@code
   * minWithoutBaseline}; one with no incident exposure never rose.
   */
  public static boolean[] rises(List<Exposure> pairs, Options options) {
    Decision[] decisions = decide(pairs, options);
    boolean[] out = new boolean[decisions.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = decisions[i].significant() && decisions[i].up();
    }
    return out;
  }

  /** Whether one count rose (a family of one: the FDR level is the plain significance level). */
  public static boolean rose(Exposure pair, Options options) {
    return rises(List.of(pair), options)[0];
  }

  private record Decision(double pValue, boolean up, boolean significant) {}

  private static Decision[] decide(List<Exposure> pairs, Options o) {
    double[] pValues = new double[pairs.size()];
    boolean[] up = new boolean[pairs.size()];
    boolean[] testable = new boolean[pairs.size()];
    for (int i = 0; i < pValues.length; i++) {
      Exposure e = pairs.get(i);
      long n = e.baselineCount() + e.incidentCount();
      testable[i] = e.baselineExposure() > 0 && e.incidentExposure() > 0 && n > 0;
      if (!testable[i]) {
        pValues[i] = 1.0;
        up[i] = e.incidentExposure() > 0 && e.incidentCount() > 0;
        continue;
      }
      double share = e.incidentExposure() / (e.baselineExposure() + e.incidentExposure());
      up[i] = e.incidentCount() > n * share;
      pValues[i] = pValue(n, share, e.incidentCount(), up[i]);
    }
    double level = benjaminiHochbergLevel(pValues, o.alpha());
    Decision[] out = new Decision[pValues.length];
    for (int i = 0; i < out.length; i++) {
      Exposure e = pairs.get(i);
      boolean significant;
      if (!testable[i]) {
        significant =
            up[i] && e.baselineExposure() <= 0 && e.incidentCount() >= o.minWithoutBaseline();
      } else {
        double rateB = e.baselineCount() / e.baselineExposure();
        double rateI = e.incidentCount() / e.incidentExposure();
        significant =
            pValues[i] <= level
                && (up[i]
                    ? rateI >= o.minRatio() * rateB && e.incidentCount() >= o.minIncident()
                    : rateB >= o.minRatio() * rateI);
      }
      out[i] = new Decision(pValues[i], up[i], significant);
    }
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
  static double pValue(long n, double share, long k, boolean upper) {
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("count beyond the binomial's range: " + n);
    }
    BinomialDistribution b = new BinomialDistribution(null, (int) n, share);
    double p =
        upper ? 1.0 - b.cumulativeProbability((int) k - 1) : b.cumulativeProbability((int) k);
    return Math.min(1.0, Math.max(0.0, p));
  }
}

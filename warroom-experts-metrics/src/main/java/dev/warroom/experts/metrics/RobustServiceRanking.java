package dev.warroom.experts.metrics;

import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A ranking of services that needs no metric's meaning: BARO's robust scorer (Pham et al., "BARO:
 * Robust Root Cause Analysis for Microservices via Multivariate Bayesian Online Change Point
 * Detection", FSE 2024). Each series' baseline (before the onset) is summarised by its median and
 * inter-quartile range; its score is the largest |incident value − median| / IQR; a service's score
 * is that of its most deviating series. Used when names say nothing ({@link MetricSemantics}
 * returns {@code other}), so the ranking rests on data alone.
 *
 * <p>Cumulative series ({@link MetricSemantics#isCumulative}) are compared as rates. A series whose
 * baseline IQR is 0 (a flat line) uses a floor of 1% of |median| (or 1e-9), so a flat series that
 * moves scores high but finitely, as in BARO's implementation that guards the division.
 */
public final class RobustServiceRanking {
  private RobustServiceRanking() {}

  /** One series' robust deviation. */
  public record SeriesDeviation(SeriesKey key, double score, Direction direction) {
    public SeriesDeviation {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(direction, "direction");
    }
  }

  /**
   * A service, its score (the largest scaled deviation of its series) and its series, most
   * deviating first.
   */
  public record RankedService(String service, double score, List<SeriesDeviation> top) {
    public RankedService {
      Objects.requireNonNull(service, "service");
      top = List.copyOf(top);
    }
  }

  /**
   * Ranks services by their most deviating series.
   *
   * @param baseline each series before the onset
   * @param incident each series from the onset on, matched to {@code baseline} by key
   * @param identity the service of a series' key (e.g. {@code k -> SeriesIdentity.of(k,
   *     known).service()}); series with no service are skipped
   * @param topPerService how many series to keep per service
   * @return services, highest score first (ties by name)
   */
  public static List<RankedService> rank(
      List<MetricSeries> baseline,
      List<MetricSeries> incident,
      Function<SeriesKey, String> identity,
      int topPerService) {
    if (topPerService < 1) {
      throw new IllegalArgumentException("topPerService < 1: " + topPerService);
    }
    Map<SeriesKey, MetricSeries> before = new HashMap<>();
    for (MetricSeries b : baseline) {
      before.put(b.key(), b);
    }
    Map<String, List<SeriesDeviation>> byService = new HashMap<>();
    for (MetricSeries after : incident) {
      MetricSeries b = before.get(after.key());
      String service = identity.apply(after.key());
      if (b == null || service == null) {
        continue;
      }
      SeriesDeviation d = deviation(b, after);
      if (d != null) {
        byService.computeIfAbsent(service, s -> new ArrayList<>()).add(d);
      }
    }
    List<RankedService> out = new ArrayList<>();
    for (var e : byService.entrySet()) {
      List<SeriesDeviation> ds = new ArrayList<>(e.getValue());
      ds.sort(Comparator.comparingDouble((SeriesDeviation d) -> -d.score()));
      out.add(
          new RankedService(
              e.getKey(), ds.get(0).score(), ds.subList(0, Math.min(topPerService, ds.size()))));
    }
    out.sort(
        Comparator.comparingDouble((RankedService r) -> -r.score())
            .thenComparing(RankedService::service));
    return List.copyOf(out);
  }

  /**
   * The largest |x − median| / IQR over the incident points, against the baseline's median and IQR;
   * null when the baseline has fewer than 3 finite points or the incident none.
   */
  static SeriesDeviation deviation(MetricSeries baseline, MetricSeries incident) {
    MetricSeries b = baseline;
    MetricSeries a = incident;
    MetricSeries joined = join(baseline, incident);
    if (MetricSemantics.isCumulative(joined)) {
      MetricSeries r = MetricSemantics.rate(joined);
      long onset = incident.size() == 0 ? Long.MAX_VALUE : incident.timestampAt(0);
      int split = 0;
      while (split < r.size() && r.timestampAt(split) < onset) {
        split++;
      }
      // the first rate point spans the onset: it belongs to the incident
      b = slice(r, 0, split);
      a = slice(r, split, r.size());
    }
    double[] buf = new double[b.size()];
    int n = RobustStats.sortedFinite(b.values(), 0, b.size(), buf);
    if (n < 3) {
      return null;
    }
    double median = RobustStats.median(buf, n);
    double iqr = RobustStats.quantile(buf, n, 0.75) - RobustStats.quantile(buf, n, 0.25);
    double scale = iqr > 0 ? iqr : Math.max(0.01 * Math.abs(median), 1e-9);
    double best = -1;
    Direction dir = Direction.UP;
    for (int i = 0; i < a.size(); i++) {
      double x = a.valueAt(i);
      if (Double.isNaN(x)) {
        continue;
      }
      double z = Math.abs(x - median) / scale;
      if (z > best) {
        best = z;
        dir = x >= median ? Direction.UP : Direction.DOWN;
      }
    }
    return best < 0 ? null : new SeriesDeviation(incident.key(), best, dir);
  }

  /** Baseline then incident; baseline points at or after the incident's first are dropped. */
  private static MetricSeries join(MetricSeries b, MetricSeries a) {
    int nb = 0;
    long first = a.size() == 0 ? Long.MAX_VALUE : a.timestampAt(0);
    while (nb < b.size() && b.timestampAt(nb) < first) {
      nb++;
    }
    long[] ts = new long[nb + a.size()];
    double[] vs = new double[ts.length];
    System.arraycopy(b.timestampsMillis(), 0, ts, 0, nb);
    System.arraycopy(a.timestampsMillis(), 0, ts, nb, a.size());
    System.arraycopy(b.values(), 0, vs, 0, nb);
    System.arraycopy(a.values(), 0, vs, nb, a.size());
    return new MetricSeries(a.key(), ts, vs);
  }

  private static MetricSeries slice(MetricSeries s, int from, int to) {
    return new MetricSeries(
        s.key(),
        java.util.Arrays.copyOfRange(s.timestampsMillis(), from, to),
        java.util.Arrays.copyOfRange(s.values(), from, to));
  }
}

package dev.warroom.server;

import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes OTLP metrics into series the way the store's OTLP/JSON reader and Prometheus name them:
 * gauges and sums give one series per point attribute set, plus a {@code service} label from the
 * resource's {@code service.name} when it has one (node-level metrics of a cluster have none);
 * histograms give {@code _count}, {@code _sum} and cumulative {@code _bucket{le=…}}; exponential
 * histograms {@code _count} and {@code _sum}; summaries {@code _count}, {@code _sum} and {@code
 * {quantile=…}}. Points of one series are sorted by time; an exact repeat is dropped, two different
 * values at the same millisecond are refused ("duplicate sample", as Prometheus says).
 */
final class OtlpProtoMetrics {
  private OtlpProtoMetrics() {}

  static List<MetricSeries> decode(ExportMetricsServiceRequest req, OtlpValues.Problems problems) {
    Map<SeriesKey, Samples> series = new LinkedHashMap<>();
    for (int r = 0; r < req.getResourceMetricsCount(); r++) {
      ResourceMetrics res = req.getResourceMetrics(r);
      String service = OtlpValues.serviceName(res.getResource().getAttributesList());
      for (int s = 0; s < res.getScopeMetricsCount(); s++) {
        var scope = res.getScopeMetrics(s);
        for (int i = 0; i < scope.getMetricsCount(); i++) {
          String at = "body#/resourceMetrics/" + r + "/scopeMetrics/" + s + "/metrics/" + i;
          try {
            metric(scope.getMetrics(i), service, series, at);
          } catch (IllegalArgumentException e) {
            problems.add(at, e.getMessage());
            if (problems.full()) {
              return List.of();
            }
          }
        }
      }
    }
    List<MetricSeries> out = new ArrayList<>(series.size());
    for (Samples b : series.values()) {
      try {
        out.add(b.build());
      } catch (IllegalArgumentException e) {
        problems.add(b.where, e.getMessage());
      }
    }
    return out;
  }

  private static void metric(Metric m, String service, Map<SeriesKey, Samples> out, String at) {
    String name = m.getName().replace('-', '_');
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: missing");
    }
    Sink sink = (n, labels, timeNanos, value) -> add(out, at, n, labels, timeNanos, value);
    switch (m.getDataCase()) {
      case GAUGE -> numbers(name, m.getGauge().getDataPointsList(), service, sink);
      case SUM -> numbers(name, m.getSum().getDataPointsList(), service, sink);
      case HISTOGRAM -> {
        for (HistogramDataPoint p : m.getHistogram().getDataPointsList()) {
          Map<String, String> l = labels(p.getAttributesList(), service);
          long t = p.getTimeUnixNano();
          sink.add(name + "_count", l, t, p.getCount());
          if (p.hasSum()) {
            sink.add(name + "_sum", l, t, p.getSum());
          }
          double cumulative = 0;
          for (int b = 0; b < p.getBucketCountsCount(); b++) {
            cumulative += p.getBucketCounts(b);
            Map<String, String> lb = new TreeMap<>(l);
            lb.put("le", b < p.getExplicitBoundsCount() ? trim(p.getExplicitBounds(b)) : "+Inf");
            sink.add(name + "_bucket", lb, t, cumulative);
          }
        }
      }
      case EXPONENTIAL_HISTOGRAM -> {
        for (var p : m.getExponentialHistogram().getDataPointsList()) {
          Map<String, String> l = labels(p.getAttributesList(), service);
          sink.add(name + "_count", l, p.getTimeUnixNano(), p.getCount());
          if (p.hasSum()) {
            sink.add(name + "_sum", l, p.getTimeUnixNano(), p.getSum());
          }
        }
      }
      case SUMMARY -> {
        for (SummaryDataPoint p : m.getSummary().getDataPointsList()) {
          Map<String, String> l = labels(p.getAttributesList(), service);
          long t = p.getTimeUnixNano();
          sink.add(name + "_count", l, t, p.getCount());
          sink.add(name + "_sum", l, t, p.getSum());
          for (var q : p.getQuantileValuesList()) {
            Map<String, String> lq = new TreeMap<>(l);
            lq.put("quantile", trim(q.getQuantile()));
            sink.add(name, lq, t, q.getValue());
          }
        }
      }
      case DATA_NOT_SET ->
          throw new IllegalArgumentException(
              "expected one of gauge, sum, histogram, exponentialHistogram, summary");
    }
  }

  private interface Sink {
    void add(String name, Map<String, String> labels, long timeNanos, double value);
  }

  private static void numbers(String name, List<NumberDataPoint> points, String service, Sink s) {
    for (NumberDataPoint p : points) {
      double v =
          switch (p.getValueCase()) {
            case AS_DOUBLE -> p.getAsDouble();
            case AS_INT -> p.getAsInt();
            case VALUE_NOT_SET -> throw new IllegalArgumentException("asDouble: missing");
          };
      s.add(name, labels(p.getAttributesList(), service), p.getTimeUnixNano(), v);
    }
  }

  private static Map<String, String> labels(List<KeyValue> attributes, String service) {
    Map<String, String> l = new TreeMap<>(OtlpValues.attributes(attributes));
    if (service != null) {
      l.putIfAbsent("service", service);
    }
    return l;
  }

  private static void add(
      Map<SeriesKey, Samples> out,
      String at,
      String name,
      Map<String, String> labels,
      long timeNanos,
      double value) {
    Instant t = OtlpValues.time(timeNanos, "timeUnixNano");
    SeriesKey key = SeriesKey.of(name, labels);
    out.computeIfAbsent(key, k -> new Samples(k, at)).add(t.toEpochMilli(), value);
  }

  private static String trim(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  /** The samples of one series in arrival order, sorted when built. */
  private static final class Samples {
    final SeriesKey key;
    final String where;
    private long[] ts = new long[8];
    private double[] vs = new double[8];
    private int n;

    Samples(SeriesKey key, String where) {
      this.key = key;
      this.where = where;
    }

    void add(long millis, double value) {
      if (n == ts.length) {
        ts = Arrays.copyOf(ts, n * 2);
        vs = Arrays.copyOf(vs, n * 2);
      }
      ts[n] = millis;
      vs[n++] = value;
    }

    MetricSeries build() {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Long.compare(ts[a], ts[b]));
      long[] t = new long[n];
      double[] v = new double[n];
      int m = 0;
      for (int i = 0; i < n; i++) {
        long ti = ts[order[i]];
        double vi = vs[order[i]];
        if (m > 0 && ti == t[m - 1]) {
          if (Double.compare(vi, v[m - 1]) == 0) {
            continue; // the same sample twice in one batch: dropped
          }
          throw new IllegalArgumentException(
              "timeUnixNano: two values for " + key + " at " + Instant.ofEpochMilli(ti));
        }
        t[m] = ti;
        v[m++] = vi;
      }
      return new MetricSeries(key, Arrays.copyOf(t, m), Arrays.copyOf(v, m));
    }
  }
}

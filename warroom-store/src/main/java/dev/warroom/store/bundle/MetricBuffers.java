package dev.warroom.store.bundle;

import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects samples per series across all metric files (a Prometheus exposition interleaves series;
 * several files may hold the same one), then sorts each series by time and rejects two samples at
 * the same instant, as Prometheus does ("duplicate sample for timestamp").
 */
final class MetricBuffers {
  private final Problems problems;
  private final Map<SeriesKey, Buf> series = new LinkedHashMap<>();

  MetricBuffers(Problems problems) {
    this.problems = problems;
  }

  Buf of(SeriesKey key, String file) {
    Buf b = series.computeIfAbsent(key, k -> new Buf(k, file));
    b.from(file);
    return b;
  }

  void emit(TelemetrySink sink) {
    for (Buf b : series.values()) {
      MetricSeries s = b.build(problems);
      if (s != null) {
        sink.series(s);
      }
    }
  }

  /** The samples of one series, in arrival order. */
  static final class Buf {
    final SeriesKey key;
    final String file;
    private long[] ts = new long[16];
    private double[] vs = new double[16];
    private int n;
    private boolean sorted = true;

    /** Where samples of each file start, so a duplicate names the files it came from. */
    private final java.util.List<Integer> segmentStart = new java.util.ArrayList<>();

    private final java.util.List<String> segmentFile = new java.util.ArrayList<>();

    Buf(SeriesKey key, String file) {
      this.key = key;
      this.file = file;
    }

    void from(String f) {
      if (segmentFile.isEmpty() || !segmentFile.getLast().equals(f)) {
        segmentStart.add(n);
        segmentFile.add(f);
      }
    }

    private String fileOf(int index) {
      String f = file;
      for (int s = 0; s < segmentStart.size() && segmentStart.get(s) <= index; s++) {
        f = segmentFile.get(s);
      }
      return f;
    }

    void add(long tsMillis, double value) {
      if (n == ts.length) {
        ts = Arrays.copyOf(ts, n * 2);
        vs = Arrays.copyOf(vs, n * 2);
      }
      if (n > 0 && tsMillis <= ts[n - 1]) {
        sorted = false;
      }
      ts[n] = tsMillis;
      vs[n++] = value;
    }

    MetricSeries build(Problems problems) {
      long[] t = Arrays.copyOf(ts, n);
      double[] v = Arrays.copyOf(vs, n);
      if (!sorted) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
          idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(ts[a], ts[b]));
        for (int i = 0; i < n; i++) {
          t[i] = ts[idx[i]];
          v[i] = vs[idx[i]];
        }
        for (int i = 1; i < n; i++) {
          if (t[i] == t[i - 1]) {
            String a = fileOf(Math.min(idx[i], idx[i - 1]));
            String b = fileOf(Math.max(idx[i], idx[i - 1]));
            problems.add(
                b
                    + ": duplicate sample for "
                    + key
                    + " at "
                    + Instant.ofEpochMilli(t[i])
                    + (a.equals(b) ? "" : " (also in " + a + ")"));
            return null;
          }
        }
      }
      return new MetricSeries(key, t, v);
    }
  }
}

package dev.warroom.store.bundle;

import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects samples per series across all metric files (a Prometheus exposition interleaves series;
 * several files may hold the same one), then sorts each series by time and cleans it:
 *
 * <ul>
 *   <li>NaN and infinite samples are kept and noted (Prometheus writes NaN as a staleness marker,
 *       +Inf is the top histogram bound's value; the experts read them as no value);
 *   <li>samples out of time order are sorted (noted);
 *   <li>a second sample at the same instant is dropped, the first read kept ("duplicate sample for
 *       timestamp", as Prometheus refuses it);
 *   <li>samples whose clock is far outside the bundle's time span are dropped ({@link TimeGate});
 *   <li>counter resets (a {@code _total}, {@code _count} or {@code _bucket} series going down, in
 *       at most a tenth of its steps), gaps (an interval over 5 times the series' median step) and
 *       zero-filled runs (3 or more exact zeros in a series otherwise non-zero) are kept and noted.
 * </ul>
 */
final class MetricBuffers {
  /** A gap is an interval this many times the series' median step, or more. */
  static final int GAP_FACTOR = 5;

  /** Exact zeros in a row, in a series otherwise non-zero, that read as filled-in. */
  static final int ZERO_RUN = 3;

  private final Problems problems;
  private final ReadContext ctx;
  private final Map<SeriesKey, Buf> series = new LinkedHashMap<>();
  private final List<String> files = new ArrayList<>();
  private final Map<String, Integer> fileIndex = new HashMap<>();

  MetricBuffers(Problems problems, ReadContext ctx) {
    this.problems = problems;
    this.ctx = ctx;
  }

  Buf of(SeriesKey key, String file) {
    return series.computeIfAbsent(key, k -> new Buf(k, file, this));
  }

  private String lastFile;
  private int lastIndex;

  private int currentFile() {
    if (ctx.file == lastFile) { // the same file as the previous sample: the common case
      return lastIndex;
    }
    lastFile = ctx.file;
    lastIndex =
        fileIndex.computeIfAbsent(
            ctx.file,
            f -> {
              files.add(f);
              return files.size() - 1;
            });
    return lastIndex;
  }

  /** Emits every series, dropping samples outside {@code span} ({@code [lo, hi]} epoch ms). */
  void emit(TelemetrySink sink, long[] span) {
    for (Buf b : series.values()) {
      MetricSeries s = b.build(span);
      if (s != null) {
        sink.series(s);
      }
    }
  }

  /** The samples of one series, in arrival order, with the file and line each came from. */
  static final class Buf {
    final SeriesKey key;
    final String file;
    private final MetricBuffers owner;
    private long[] ts = new long[16];
    private double[] vs = new double[16];
    private int[] where = new int[16]; // file index
    private int[] lines = new int[16];
    private int n;
    private boolean sorted = true;

    Buf(SeriesKey key, String file, MetricBuffers owner) {
      this.key = key;
      this.file = file;
      this.owner = owner;
    }

    void add(long tsMillis, double value) {
      ReadContext ctx = owner.ctx;
      if (!Double.isFinite(value)) {
        String reason =
            Double.isNaN(value) ? "NaN sample (kept: no value)" : "infinite sample (kept)";
        owner.problems.note(
            ctx.file,
            reason,
            1,
            ctx.where(0) + ": " + reason + " of " + key + " at " + Instant.ofEpochMilli(tsMillis));
      }
      if (n == ts.length) {
        ts = Arrays.copyOf(ts, n * 2);
        vs = Arrays.copyOf(vs, n * 2);
        where = Arrays.copyOf(where, n * 2);
        lines = Arrays.copyOf(lines, n * 2);
      }
      if (n > 0 && tsMillis <= ts[n - 1]) {
        sorted = false;
      }
      ts[n] = tsMillis;
      vs[n] = value;
      where[n] = owner.currentFile();
      lines[n++] = (int) Math.min(Integer.MAX_VALUE, ctx.lineNo());
      owner.problems.record();
      ctx.gate.observe(tsMillis);
    }

    private String at(int i) {
      String f = owner.files.get(where[i]);
      return lines[i] > 0 ? f + ":" + lines[i] : f;
    }

    MetricSeries build(long[] span) {
      Problems problems = owner.problems;
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      if (!sorted) {
        int backwards = 0;
        for (int i = 1; i < n; i++) {
          if (ts[i] < ts[i - 1]) {
            backwards++;
          }
        }
        if (backwards > 0) {
          problems.note(file, "out of time order, sorted", backwards, null);
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
          idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(ts[a], ts[b])); // stable: the first read first
        for (int i = 0; i < n; i++) {
          order[i] = idx[i];
        }
      }
      long[] t = new long[n];
      double[] v = new double[n];
      int m = 0;
      for (int k = 0; k < n; k++) {
        int i = order[k];
        if (ts[i] < span[0] || ts[i] > span[1]) {
          String f = owner.files.get(where[i]);
          problems.unrecord(f, 1);
          problems.skip(
              f,
              TimeGate.REASON,
              1,
              at(i)
                  + ": sample of "
                  + key
                  + " at "
                  + Instant.ofEpochMilli(ts[i])
                  + " is outside the bundle's time span ("
                  + Instant.ofEpochMilli(span[0])
                  + " .. "
                  + Instant.ofEpochMilli(span[1])
                  + ")");
          continue;
        }
        if (m > 0 && ts[i] == t[m - 1]) {
          String f = owner.files.get(where[i]);
          problems.unrecord(f, 1);
          problems.skip(
              f,
              "duplicate sample",
              1,
              at(i)
                  + ": duplicate sample for "
                  + key
                  + " at "
                  + Instant.ofEpochMilli(ts[i])
                  + " (kept the first read, "
                  + v[m - 1]
                  + "; dropped "
                  + vs[i]
                  + ")");
          continue;
        }
        t[m] = ts[i];
        v[m++] = vs[i];
      }
      if (m == 0) {
        return null;
      }
      t = Arrays.copyOf(t, m);
      v = Arrays.copyOf(v, m);
      noteShape(t, v, problems);
      return new MetricSeries(key, t, v);
    }

    private void noteShape(long[] t, double[] v, Problems problems) {
      String name = key.name();
      if (name.endsWith("_total") || name.endsWith("_count") || name.endsWith("_bucket")) {
        int resets = 0;
        for (int i = 1; i < v.length; i++) {
          if (v[i] < v[i - 1]) {
            resets++;
          }
        }
        // a real counter resets rarely (a restart); one that goes down at every other step is a
        // per-interval value named like a counter, not a reset worth noting
        if (resets > 0 && resets * 10 <= v.length) {
          problems.note(file, "counter reset", resets, null);
        }
      }
      if (t.length >= 4) {
        long[] steps = new long[t.length - 1];
        for (int i = 1; i < t.length; i++) {
          steps[i - 1] = t[i] - t[i - 1];
        }
        long[] sortedSteps = steps.clone();
        Arrays.sort(sortedSteps);
        long median = sortedSteps[sortedSteps.length / 2];
        int gaps = 0;
        for (long s : steps) {
          if (s >= GAP_FACTOR * median) {
            gaps++;
          }
        }
        if (gaps > 0) {
          problems.note(file, "gap over " + GAP_FACTOR + "x the series' step", gaps, null);
        }
      }
      int zeros = 0;
      for (double x : v) {
        if (x == 0) {
          zeros++;
        }
      }
      if (zeros >= ZERO_RUN && zeros * 2 < v.length) {
        int filled = 0;
        int run = 0;
        for (int i = 0; i <= v.length; i++) {
          if (i < v.length && v[i] == 0) {
            run++;
          } else {
            if (run >= ZERO_RUN) {
              filled += run;
            }
            run = 0;
          }
        }
        if (filled > 0) {
          problems.note(file, "zero-filled run (kept)", filled, null);
        }
      }
    }
  }
}

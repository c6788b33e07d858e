package dev.warroom.engine.report;

import dev.warroom.model.SeriesChart;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Draws a {@link SeriesChart} as an inline SVG: the series as a line (broken at missing points),
 * the baseline band as a shaded area labelled with how it was calculated, and the anomalous window
 * as a highlighted span. No scripts, fonts or external references, so the page works offline.
 */
final class SvgChart {
  static final int WIDTH = 720;
  static final int HEIGHT = 240;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 28;
  private static final int BOTTOM = 44;
  private static final int Y_TICKS = 4;
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final SeriesChart chart;
  private final long[] ts;
  private final double[] values;
  private final double[] lower;
  private final double[] upper;
  private final long t0;
  private final long t1;
  private double vmin = Double.POSITIVE_INFINITY;
  private double vmax = Double.NEGATIVE_INFINITY;

  private SvgChart(SeriesChart chart) {
    this.chart = chart;
    this.ts = chart.timestampsMillis();
    this.values = chart.values();
    this.lower = chart.bandLower();
    this.upper = chart.bandUpper();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long t : ts) {
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    if (chart.highlight() != null && ts.length == 0) {
      min = chart.highlight().start().toEpochMilli();
      max = chart.highlight().end().toEpochMilli();
    }
    this.t0 = ts.length == 0 && chart.highlight() == null ? 0 : min;
    this.t1 = ts.length == 0 && chart.highlight() == null ? 1 : max;
    extend(values);
    extend(lower);
    extend(upper);
    if (vmin > vmax) {
      vmin = 0;
      vmax = 1;
    } else if (vmin == vmax) {
      vmin -= 1;
      vmax += 1;
    } else {
      double pad = (vmax - vmin) * 0.05;
      vmin -= pad;
      vmax += pad;
    }
  }

  /** The SVG element for {@code chart}. */
  static String render(SeriesChart chart) {
    return new SvgChart(chart).svg();
  }

  private void extend(double[] a) {
    if (a == null) {
      return;
    }
    for (double v : a) {
      if (Double.isFinite(v)) {
        vmin = Math.min(vmin, v);
        vmax = Math.max(vmax, v);
      }
    }
  }

  private String svg() {
    String name = chart.key().toString();
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(name))
        .append("\">");
    s.append("<title>").append(Html.escape(name)).append("</title>");
    if (chart.highlight() != null) {
      double x0 = clampX(x(chart.highlight().start().toEpochMilli()));
      double x1 = clampX(x(chart.highlight().end().toEpochMilli()));
      s.append("<rect class=\"anomaly\" x=\"")
          .append(f(x0))
          .append("\" y=\"")
          .append(TOP)
          .append("\" width=\"")
          .append(f(Math.max(1, x1 - x0)))
          .append("\" height=\"")
          .append(HEIGHT - TOP - BOTTOM)
          .append("\" fill=\"#f8d0d0\"/>");
      // Near the right edge the label ends at the window's end instead of starting at its start.
      boolean fromEnd = x0 > WIDTH - RIGHT - 110;
      s.append("<text x=\"")
          .append(f(fromEnd ? x1 : x0))
          .append("\" text-anchor=\"")
          .append(fromEnd ? "end" : "start")
          .append("\" y=\"")
          .append(TOP - 6)
          .append(
              "\" class=\"anomaly-label\" font-size=\"11\" fill=\"#a31515\">anomalous window</text>");
    }
    if (lower != null) {
      band(s);
    }
    axes(s);
    line(s);
    legend(s);
    return s.append("</svg>").toString();
  }

  private void band(StringBuilder s) {
    int i = 0;
    while (i < ts.length) {
      if (!Double.isFinite(lower[i]) || !Double.isFinite(upper[i])) {
        i++;
        continue;
      }
      int j = i;
      while (j < ts.length && Double.isFinite(lower[j]) && Double.isFinite(upper[j])) {
        j++;
      }
      StringBuilder points = new StringBuilder();
      for (int k = i; k < j; k++) {
        points.append(f(x(ts[k]))).append(',').append(f(y(upper[k]))).append(' ');
      }
      for (int k = j - 1; k >= i; k--) {
        points.append(f(x(ts[k]))).append(',').append(f(y(lower[k]))).append(' ');
      }
      s.append("<polygon class=\"band\" fill=\"#cfe0f7\" fill-opacity=\"0.8\" points=\"")
          .append(points.toString().strip())
          .append("\"/>");
      i = j;
    }
  }

  private void line(StringBuilder s) {
    int i = 0;
    while (i < ts.length) {
      if (!Double.isFinite(values[i])) {
        i++;
        continue;
      }
      int j = i;
      StringBuilder points = new StringBuilder();
      while (j < ts.length && Double.isFinite(values[j])) {
        points.append(f(x(ts[j]))).append(',').append(f(y(values[j]))).append(' ');
        j++;
      }
      if (j - i == 1) {
        s.append("<circle class=\"series\" r=\"2\" fill=\"#1f4e9c\" cx=\"")
            .append(f(x(ts[i])))
            .append("\" cy=\"")
            .append(f(y(values[i])))
            .append("\"/>");
      } else {
        s.append(
                "<polyline class=\"series\" fill=\"none\" stroke=\"#1f4e9c\" stroke-width=\"1.6\" points=\"")
            .append(points.toString().strip())
            .append("\"/>");
      }
      i = j;
    }
  }

  private void axes(StringBuilder s) {
    int bottom = HEIGHT - BOTTOM;
    s.append("<g class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"1\">");
    for (int i = 1; i < Y_TICKS; i++) {
      double y = y(vmin + (vmax - vmin) * i / Y_TICKS);
      s.append("<line x1=\"")
          .append(LEFT)
          .append("\" y1=\"")
          .append(f(y))
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y2=\"")
          .append(f(y))
          .append("\"/>");
    }
    s.append("</g>");
    s.append("<g class=\"axes\" stroke=\"#888\" stroke-width=\"1\">")
        .append("<line x1=\"")
        .append(LEFT)
        .append("\" y1=\"")
        .append(TOP)
        .append("\" x2=\"")
        .append(LEFT)
        .append("\" y2=\"")
        .append(bottom)
        .append("\"/>")
        .append("<line x1=\"")
        .append(LEFT)
        .append("\" y1=\"")
        .append(bottom)
        .append("\" x2=\"")
        .append(WIDTH - RIGHT)
        .append("\" y2=\"")
        .append(bottom)
        .append("\"/>")
        .append("</g>");
    for (int i = 0; i <= Y_TICKS; i++) {
      double v = vmin + (vmax - vmin) * i / Y_TICKS;
      label(s, LEFT - 6, (int) Math.round(y(v)) + 4, "end", Text.compact(v));
    }
    label(s, LEFT, bottom + 16, "start", TIME.format(Instant.ofEpochMilli(t0)) + " UTC");
    label(
        s,
        LEFT + (WIDTH - LEFT - RIGHT) / 2,
        bottom + 16,
        "middle",
        CLOCK.format(Instant.ofEpochMilli(t0 + (t1 - t0) / 2)));
    label(s, WIDTH - RIGHT, bottom + 16, "end", TIME.format(Instant.ofEpochMilli(t1)) + " UTC");
  }

  private void legend(StringBuilder s) {
    int y = HEIGHT - 10;
    s.append("<rect x=\"")
        .append(LEFT)
        .append("\" y=\"")
        .append(y - 9)
        .append("\" width=\"10\" height=\"3\" fill=\"#1f4e9c\"/>");
    label(s, LEFT + 14, y, "start", chart.key().name());
    if (lower != null) {
      int bx = LEFT + 260;
      s.append("<rect x=\"")
          .append(bx)
          .append("\" y=\"")
          .append(y - 10)
          .append("\" width=\"10\" height=\"10\" fill=\"#cfe0f7\"/>");
      String label = chart.bandLabel().isEmpty() ? "baseline" : "baseline, " + chart.bandLabel();
      s.append("<text class=\"band-label\" x=\"")
          .append(bx + 14)
          .append("\" y=\"")
          .append(y)
          .append("\" font-size=\"11\" fill=\"#333\">")
          .append(Html.escape(label))
          .append("</text>");
    }
  }

  private static void label(StringBuilder s, int x, int y, String anchor, String text) {
    s.append("<text x=\"")
        .append(x)
        .append("\" y=\"")
        .append(y)
        .append("\" font-size=\"11\" fill=\"#333\" text-anchor=\"")
        .append(anchor)
        .append("\">")
        .append(Html.escape(text))
        .append("</text>");
  }

  private double x(long t) {
    double plot = WIDTH - LEFT - RIGHT;
    return t1 == t0 ? LEFT + plot / 2 : LEFT + (double) (t - t0) / (t1 - t0) * plot;
  }

  private static double clampX(double x) {
    return Math.max(LEFT, Math.min(WIDTH - RIGHT, x));
  }

  private double y(double v) {
    double plot = HEIGHT - TOP - BOTTOM;
    return TOP + (vmax - v) / (vmax - vmin) * plot;
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}

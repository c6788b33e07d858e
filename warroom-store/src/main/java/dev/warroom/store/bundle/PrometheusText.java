package dev.warroom.store.bundle;

import dev.warroom.model.SeriesKey;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The Prometheus text exposition format and OpenMetrics text (<a
 * href="https://prometheus.io/docs/instrumenting/exposition_formats/">exposition formats</a>), with
 * a timestamp on every sample: {@code name{labels} value timestamp}. Prometheus writes integer
 * milliseconds, OpenMetrics float seconds; both are read by the magnitude rule of {@link
 * Timestamps}. Comment lines ({@code # HELP}, {@code # TYPE}, {@code # EOF}) and exemplars are
 * skipped. Series text is cached, so a label set is parsed once per file, not once per sample.
 */
final class PrometheusText {
  private PrometheusText() {}

  static void read(String rel, LineReader lines, ReadContext ctx) throws IOException {
    Map<String, MetricBuffers.Buf> cache = new HashMap<>();
    int fileProblems = 0;
    while (lines.next()) {
      String problem;
      if (lines.tooLong()) {
        problem = "line longer than " + ReadContext.MAX_LINE + " bytes";
      } else {
        try {
          problem = line(rel, lines.text(), cache, ctx);
        } catch (CharacterCodingException e) {
          problem = "not valid UTF-8";
        }
      }
      if (problem != null) {
        ctx.problems.at(rel, lines.lineNo, problem);
        if (++fileProblems >= Problems.PER_FILE || ctx.problems.full()) {
          ctx.problems.add(rel + ": too many problems, rest of file skipped");
          return;
        }
      }
    }
  }

  private static String line(
      String rel, String line, Map<String, MetricBuffers.Buf> cache, ReadContext ctx) {
    if (line.isBlank() || line.charAt(0) == '#') {
      return null;
    }
    int end = Selectors.seriesEnd(line);
    if (end < 0) {
      return "unterminated label set";
    }
    String seriesText = line.substring(0, end);
    MetricBuffers.Buf buf = cache.get(seriesText);
    if (buf == null) {
      SeriesKey key;
      try {
        key = Selectors.parse(seriesText);
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
      buf = ctx.metrics.of(key, rel);
      cache.put(seriesText, buf);
    }
    int i = skipBlanks(line, end);
    int vEnd = tokenEnd(line, i);
    if (vEnd == i) {
      return "sample has no value";
    }
    double value;
    try {
      value = fastValue(line, i, vEnd);
    } catch (NumberFormatException e) {
      return "invalid sample value '" + Timestamps.abbreviate(line.substring(i, vEnd)) + "'";
    }
    int t = skipBlanks(line, vEnd);
    int tEnd = tokenEnd(line, t);
    if (tEnd == t) {
      return "sample has no timestamp (a bundle needs one on every sample)";
    }
    long millis;
    try {
      millis = tEnd - t == 13 ? fastMillis(line, t, tEnd) : millis(line.substring(t, tEnd));
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    int rest = skipBlanks(line, tEnd);
    if (rest < line.length() && line.charAt(rest) != '#') {
      return "unexpected text after the timestamp";
    }
    buf.add(millis, value);
    return null;
  }

  /** Integer values (most counters and gauges) without a substring; anything else via the JDK. */
  private static double fastValue(String line, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && line.charAt(i) == '-') {
      negative = true;
      i++;
    }
    if (to - i > 0 && to - i <= 15) {
      long v = 0;
      for (; i < to; i++) {
        char c = line.charAt(i);
        if (c < '0' || c > '9') {
          return value(line.substring(from, to));
        }
        v = v * 10 + (c - '0');
      }
      return negative ? -v : v;
    }
    return value(line.substring(from, to));
  }

  /** A 13-digit epoch-millisecond timestamp (what Prometheus writes) without a substring. */
  private static long fastMillis(String line, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        return millis(line.substring(from, to));
      }
      v = v * 10 + (c - '0');
    }
    if (v >= Timestamps.MAX.toEpochMilli()) {
      return millis(line.substring(from, to));
    }
    return v;
  }

  static long millis(String token) {
    if (token.length() == 13 && isDigits(token)) {
      return Timestamps.checkRange(Instant.ofEpochMilli(Long.parseLong(token)), token)
          .toEpochMilli();
    }
    Instant t;
    try {
      t =
          isDigits(token) && token.length() <= 18
              ? Timestamps.ofEpochNumber(Long.parseLong(token))
              : Timestamps.ofEpochDecimal(new java.math.BigDecimal(token));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid timestamp '" + Timestamps.abbreviate(token) + "'");
    }
    return t.toEpochMilli();
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }

  static double value(String token) {
    return switch (token) {
      case "NaN", "nan" -> Double.NaN;
      case "+Inf", "Inf", "+inf", "inf" -> Double.POSITIVE_INFINITY;
      case "-Inf", "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(token);
    };
  }

  private static int skipBlanks(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static int tokenEnd(String s, int i) {
    while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
      i++;
    }
    return i;
  }
}

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
    Map<SeriesBytes, MetricBuffers.Buf> byteCache = new HashMap<>();
    SeriesBytes probe = new SeriesBytes();
    int fileProblems = 0;
    while (lines.next()) {
      String problem;
      if (!lines.tooLong() && fastSample(lines, byteCache, probe)) {
        continue;
      }
      if (lines.tooLong()) {
        problem = "line longer than " + ReadContext.MAX_LINE + " bytes";
      } else {
        try {
          String text = lines.text();
          problem = line(rel, text, cache, ctx);
          if (problem == null && text.length() == lines.length) {
            remember(text, lines, cache, byteCache, probe);
          }
        } catch (CharacterCodingException e) {
          problem = "not valid UTF-8";
        }
      }
      if (problem != null) {
        ctx.problems.at(rel, lines.lineNo, problem);
        if (ctx.problems.fileDone(++fileProblems)) {
          ctx.problems.add(rel + ": too many problems, rest of file skipped");
          return;
        }
      }
    }
  }

  /**
   * The common case without decoding: an ASCII line of a series already seen, an integer value and
   * a 13-digit millisecond timestamp. Returns false (nothing added) for anything else, which the
   * general path then handles.
   */
  private static boolean fastSample(
      LineReader l, Map<SeriesBytes, MetricBuffers.Buf> byteCache, SeriesBytes probe) {
    byte[] b = l.bytes;
    int s = l.start;
    int e = s + l.length;
    if (l.length == 0 || b[s] == '#' || b[s] == ' ' || b[s] == '\t') {
      return false;
    }
    int end = seriesEnd(b, s, e);
    if (end < 0) {
      return false;
    }
    probe.set(b, s, end);
    MetricBuffers.Buf buf = byteCache.get(probe);
    if (buf == null) {
      return false;
    }
    int i = end;
    if (i >= e || b[i] != ' ') {
      return false;
    }
    while (i < e && b[i] == ' ') {
      i++;
    }
    boolean negative = i < e && b[i] == '-';
    if (negative) {
      i++;
    }
    int v0 = i;
    long v = 0;
    while (i < e && b[i] >= '0' && b[i] <= '9') {
      v = v * 10 + (b[i++] - '0');
    }
    if (i == v0 || i - v0 > 15 || i >= e || b[i] != ' ') {
      return false;
    }
    while (i < e && b[i] == ' ') {
      i++;
    }
    int t0 = i;
    long t = 0;
    while (i < e && b[i] >= '0' && b[i] <= '9') {
      t = t * 10 + (b[i++] - '0');
    }
    if (i - t0 != 13 || i != e || t >= Timestamps.MAX.toEpochMilli()) {
      return false;
    }
    buf.add(t, negative ? -v : v);
    return true;
  }

  /** Index after the series part of an ASCII line, or -1. */
  private static int seriesEnd(byte[] b, int s, int e) {
    for (int i = s; i < e; i++) {
      byte c = b[i];
      if (c == ' ' || c == '\t') {
        return i;
      }
      if (c == '{') {
        boolean quoted = false;
        for (int j = i + 1; j < e; j++) {
          byte d = b[j];
          if (quoted) {
            if (d == '\\') {
              j++;
            } else if (d == '"') {
              quoted = false;
            }
          } else if (d == '"') {
            quoted = true;
          } else if (d == '}') {
            return j + 1;
          }
        }
        return -1;
      }
    }
    return -1;
  }

  /** After the general path accepted an ASCII line, lets later samples of its series go fast. */
  private static void remember(
      String text,
      LineReader l,
      Map<String, MetricBuffers.Buf> cache,
      Map<SeriesBytes, MetricBuffers.Buf> byteCache,
      SeriesBytes probe) {
    int end = Selectors.seriesEnd(text);
    if (end <= 0 || text.charAt(0) == '#') {
      return;
    }
    probe.set(l.bytes, l.start, l.start + end);
    if (byteCache.containsKey(probe)) {
      return;
    }
    MetricBuffers.Buf buf = cache.get(text.substring(0, end));
    if (buf != null) {
      byteCache.putIfAbsent(SeriesBytes.copyOf(l.bytes, l.start, end), buf);
    }
  }

  /** A byte range used as a hash key; the probe instance is reused, stored keys are copies. */
  private static final class SeriesBytes {
    private byte[] bytes;
    private int from;
    private int len;
    private int hash;

    void set(byte[] b, int from, int to) {
      this.bytes = b;
      this.from = from;
      this.len = to - from;
      int h = 1;
      for (int i = from; i < to; i++) {
        h = 31 * h + b[i];
      }
      this.hash = h;
    }

    static SeriesBytes copyOf(byte[] b, int from, int len) {
      SeriesBytes k = new SeriesBytes();
      byte[] copy = java.util.Arrays.copyOfRange(b, from, from + len);
      k.set(copy, 0, len);
      return k;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SeriesBytes k
          && k.len == len
          && k.hash == hash
          && java.util.Arrays.equals(bytes, from, from + len, k.bytes, k.from, k.from + k.len);
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
      default -> finite(Double.parseDouble(token), token);
    };
  }

  /**
   * A number written out (not Inf) that overflows a double, such as {@code 1e400}, is refused
   * rather than read as infinity.
   */
  static double finite(double d, String text) {
    if (Double.isInfinite(d)) {
      throw new IllegalArgumentException(
          "value out of range: '" + Timestamps.abbreviate(text) + "' (beyond ±1.8e308)");
    }
    return d;
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

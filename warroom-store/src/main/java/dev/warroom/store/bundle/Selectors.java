package dev.warroom.store.bundle;

import dev.warroom.model.SeriesKey;
import java.util.TreeMap;

/**
 * Parses a series written as a Prometheus selector {@code name{label="value",…}} or a bare name.
 * Label values use the exposition format's escapes ({@code \\}, {@code \"}, {@code \n}).
 */
public final class Selectors {
  private Selectors() {}

  public static SeriesKey parse(String text) {
    String s = text.trim();
    int brace = s.indexOf('{');
    if (brace < 0) {
      return SeriesKey.of(s, java.util.Map.of());
    }
    if (!s.endsWith("}")) {
      throw new IllegalArgumentException("series '" + Timestamps.abbreviate(s) + "': missing '}'");
    }
    TreeMap<String, String> labels = new TreeMap<>();
    int end = parseLabels(s, brace, labels);
    if (end != s.length()) {
      throw new IllegalArgumentException(
          "series '" + Timestamps.abbreviate(s) + "': text after '}'");
    }
    return new SeriesKey(s.substring(0, brace).trim(), labels);
  }

  /**
   * Parses {@code {a="x",b="y"}} starting at the '{' at {@code open}; returns the index after the
   * closing '}'.
   */
  static int parseLabels(String s, int open, TreeMap<String, String> out) {
    int i = open + 1;
    int n = s.length();
    while (true) {
      while (i < n && s.charAt(i) == ' ') {
        i++;
      }
      if (i < n && s.charAt(i) == '}') {
        return i + 1;
      }
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        throw new IllegalArgumentException("labels: expected name=\"value\" at column " + (i + 1));
      }
      String name = s.substring(i, eq).trim();
      i = eq + 1;
      while (i < n && s.charAt(i) == ' ') {
        i++;
      }
      if (i >= n || s.charAt(i) != '"') {
        throw new IllegalArgumentException("label " + name + ": value must be in double quotes");
      }
      StringBuilder v = new StringBuilder();
      i++;
      boolean closed = false;
      while (i < n) {
        char c = s.charAt(i++);
        if (c == '\\' && i < n) {
          char e = s.charAt(i++);
          v.append(e == 'n' ? '\n' : e);
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          v.append(c);
        }
      }
      if (!closed) {
        throw new IllegalArgumentException("label " + name + ": unterminated value");
      }
      if (out.put(name, v.toString()) != null) {
        throw new IllegalArgumentException("label " + name + ": given twice");
      }
      while (i < n && s.charAt(i) == ' ') {
        i++;
      }
      if (i < n && s.charAt(i) == ',') {
        i++;
      } else if (i < n && s.charAt(i) == '}') {
        return i + 1;
      } else {
        throw new IllegalArgumentException("labels: expected ',' or '}' at column " + (i + 1));
      }
    }
  }

  /** Index just past the series part of an exposition line (its '}' or first blank). */
  static int seriesEnd(String line) {
    int n = line.length();
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        return i;
      }
      if (c == '{') {
        boolean quoted = false;
        for (int j = i + 1; j < n; j++) {
          char d = line.charAt(j);
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
    return n;
  }
}

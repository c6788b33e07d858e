package dev.warroom.connectors.prometheus;

import dev.warroom.store.LabelMatcher;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * PromQL text: string literals, label matchers, selectors and durations, written so that what
 * Prometheus parses is exactly what was meant. Prometheus parses string literals with Go's escape
 * rules ({@code \\}, {@code \"}, {@code \n}, {@code \xNN}, …) and anchors every regular-expression
 * matcher itself ({@code ^(?:re)$}), as {@link LabelMatcher} does, so a regex is sent as written
 * (escaped as a string literal only).
 */
final class PromQl {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private PromQl() {}

  /** A double-quoted PromQL string literal holding exactly {@code s}. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  static boolean validMetricName(String name) {
    return METRIC_NAME.matcher(name).matches();
  }

  static String labelName(String name) {
    if (!LABEL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)");
    }
    return name;
  }

  static String matcher(String label, LabelMatcher.Op op, String value) {
    return labelName(label) + op.symbol() + quote(value);
  }

  /**
   * A vector selector: {@code name{m1,m2}}, or {@code {__name__=~".+",m1}} without a name (every
   * selector needs a matcher that cannot match the empty string; {@code __name__=~".+"} is that).
   */
  static String selector(String name, List<String> matchers) {
    StringBuilder b = new StringBuilder();
    List<String> all = matchers;
    if (name == null) {
      all = new java.util.ArrayList<>();
      all.add("__name__=~\".+\"");
      all.addAll(matchers);
    } else if (validMetricName(name)) {
      b.append(name);
    } else {
      throw new IllegalArgumentException("'" + name + "' is not a Prometheus metric name");
    }
    if (all.isEmpty()) {
      return b.toString();
    }
    return b.append('{').append(String.join(",", all)).append('}').toString();
  }

  /** A PromQL duration in whole milliseconds ({@code 300000ms}), at least 1 ms. */
  static String duration(long millis) {
    return Math.max(1, millis) + "ms";
  }

  /**
   * Unix seconds with millisecond precision, as the HTTP API takes them: {@code 1714564800.000}.
   */
  static String seconds(long epochMillis) {
    return BigDecimal.valueOf(epochMillis, 3).toPlainString();
  }

  /** A group-by clause {@code by (a, b)}; empty without labels. */
  static String by(List<String> labels) {
    if (labels.isEmpty()) {
      return "";
    }
    return " by (" + String.join(", ", labels.stream().map(PromQl::labelName).toList()) + ")";
  }
}

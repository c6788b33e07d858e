package dev.warroom.connectors.zipkin;

import dev.warroom.connectors.SourceConfig;
import dev.warroom.model.InvalidInputException;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of a {@code zipkin} source, checked once: how far back a query without a window looks
 * ({@code lookback}, default 7d), the most traces one request returns ({@code maxTraces}, default
 * 1000), the most rows one span aggregation returns ({@code maxRows}, default 10 000), and whether
 * 16-digit trace ids are widened to 32 ({@code padTraceIds}, default true).
 */
record ZipkinOptions(Duration lookback, int maxTraces, int maxRows, boolean padTraceIds) {
  private static final Set<String> KEYS = Set.of("lookback", "maxTraces", "maxRows", "padTraceIds");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  static ZipkinOptions of(SourceConfig c) {
    for (String k : c.options().keySet()) {
      if (!KEYS.contains(k)) {
        throw new InvalidInputException(
            "source "
                + c.name()
                + ": options."
                + k
                + ": unknown option (expected one of "
                + new TreeSet<>(KEYS)
                + ")");
      }
    }
    String pad = c.option("padTraceIds", "true");
    if (!pad.equals("true") && !pad.equals("false")) {
      throw new InvalidInputException(
          "source " + c.name() + ": options.padTraceIds: expected true or false");
    }
    return new ZipkinOptions(
        duration(c, "lookback", "7d"),
        positive(c, "maxTraces", 1000),
        positive(c, "maxRows", 10_000),
        pad.equals("true"));
  }

  private static Duration duration(SourceConfig c, String key, String fallback) {
    String v = c.option(key, fallback).strip();
    Matcher m = DURATION.matcher(v);
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new InvalidInputException(
          "source "
              + c.name()
              + ": options."
              + key
              + ": expected a duration such as 30m, 24h or 7d, got '"
              + v
              + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static int positive(SourceConfig c, String key, int fallback) {
    String v = c.option(key, String.valueOf(fallback));
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(
        "source "
            + c.name()
            + ": options."
            + key
            + ": expected a whole number of at least 1, got '"
            + v
            + "'");
  }
}

package dev.warroom.store.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Parses timestamps of the bundle formats, the same way everywhere:
 *
 * <ul>
 *   <li>A JSON number, or a string of digits (with an optional fraction), is an epoch time whose
 *       unit is told by its magnitude: below 10^11 seconds, below 10^14 milliseconds, below 10^17
 *       microseconds, else nanoseconds. (10^11 s is the year 5138, 10^11 ms is 1973: no realistic
 *       incident is ambiguous.)
 *   <li>Any other string is RFC 3339 ({@code 2024-05-01T12:00:00.123Z}, {@code +02:00} offsets, a
 *       space instead of {@code T}); a date-time without offset is read in the bundle's time zone
 *       (manifest {@code timeZone}, UTC by default).
 * </ul>
 *
 * Times before 1970-01-01 or from 2262-04-11 on (beyond epoch nanoseconds in a signed 64-bit
 * integer) are rejected as out of range.
 */
public final class Timestamps {
  /** Reads naive date-times as UTC. */
  public static final Timestamps UTC = new Timestamps(ZoneId.of("UTC"));

  static final Instant MIN = Instant.EPOCH;
  static final Instant MAX = Instant.ofEpochSecond(Long.MAX_VALUE / 1_000_000_000L);

  private final ZoneId zone;

  public Timestamps(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  public static Timestamps inZone(String zoneId) {
    try {
      return new Timestamps(ZoneId.of(zoneId));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("timeZone: unknown time zone '" + zoneId + "'");
    }
  }

  public Instant parse(JsonNode node) {
    if (node.isNumber()) {
      return node.isIntegralNumber() && node.canConvertToLong()
          ? ofEpochNumber(node.longValue())
          : ofEpochDecimal(node.decimalValue());
    }
    if (node.isTextual()) {
      return parse(node.textValue());
    }
    throw new IllegalArgumentException(
        "expected a timestamp (RFC 3339 string or epoch number), got " + node.getNodeType());
  }

  public Instant parse(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty timestamp");
    }
    if (isNumeric(t)) {
      return t.indexOf('.') < 0 && t.length() <= 18
          ? ofEpochNumber(Long.parseLong(t))
          : ofEpochDecimal(new BigDecimal(t));
    }
    Instant fast = Rfc3339.parse(t);
    if (fast != null) {
      return checkRange(fast, text);
    }
    String n = t.replace(' ', 'T').toUpperCase(Locale.ROOT).replace(',', '.');
    try {
      return checkRange(
          OffsetDateTime.parse(n, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(), text);
    } catch (DateTimeException e) {
      try {
        return checkRange(
            LocalDateTime.parse(n, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone).toInstant(),
            text);
      } catch (DateTimeException e2) {
        throw new IllegalArgumentException(
            "not a timestamp: '" + abbreviate(t) + "' (expected RFC 3339 or epoch s/ms/us/ns)");
      }
    }
  }

  /** Epoch seconds, milliseconds, microseconds or nanoseconds, told apart by magnitude. */
  public static Instant ofEpochNumber(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("timestamp out of range (before 1970): " + v);
    }
    Instant t;
    if (v < 100_000_000_000L) {
      t = Instant.ofEpochSecond(v);
    } else if (v < 100_000_000_000_000L) {
      t = Instant.ofEpochMilli(v);
    } else if (v < 100_000_000_000_000_000L) {
      t = Instant.ofEpochSecond(v / 1_000_000, (v % 1_000_000) * 1000);
    } else {
      t = Instant.ofEpochSecond(v / 1_000_000_000, v % 1_000_000_000);
    }
    return checkRange(t, Long.toString(v));
  }

  static Instant ofEpochDecimal(BigDecimal v) {
    if (v.signum() < 0) {
      throw new IllegalArgumentException("timestamp out of range (before 1970): " + v);
    }
    BigDecimal nanos;
    if (v.compareTo(BigDecimal.valueOf(100_000_000_000L)) < 0) {
      nanos = v.movePointRight(9);
    } else if (v.compareTo(BigDecimal.valueOf(100_000_000_000_000L)) < 0) {
      nanos = v.movePointRight(6);
    } else if (v.compareTo(BigDecimal.valueOf(100_000_000_000_000_000L)) < 0) {
      nanos = v.movePointRight(3);
    } else {
      nanos = v;
    }
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
      throw new IllegalArgumentException("timestamp out of range (after 2262-04-11): " + v);
    }
    long n = nanos.longValue();
    return Instant.ofEpochSecond(n / 1_000_000_000, n % 1_000_000_000);
  }

  static Instant checkRange(Instant t, String text) {
    if (t.isBefore(MIN)) {
      throw new IllegalArgumentException(
          "timestamp out of range (before 1970): '" + abbreviate(text) + "'");
    }
    if (!t.isBefore(MAX)) {
      throw new IllegalArgumentException(
          "timestamp out of range (after 2262-04-11): '" + abbreviate(text) + "'");
    }
    return t;
  }

  private static boolean isNumeric(String t) {
    int dots = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return dots <= 1 && t.length() > dots;
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}

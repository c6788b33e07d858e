package dev.warroom.store.duckdb;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Conversions between instants, epoch nanoseconds and DuckDB timestamp text. */
final class TimeText {
  private static final DateTimeFormatter SQL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");

  private TimeText() {}

  static String sql(Instant t) {
    return LocalDateTime.ofInstant(t, ZoneOffset.UTC).format(SQL);
  }

  static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  static Instant ofNanos(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /** An interval literal for a bucket or step length, in microseconds (DuckDB's resolution). */
  static String interval(java.time.Duration d) {
    long micros = d.toNanos() / 1000;
    return "INTERVAL '" + micros + " microseconds'";
  }
}

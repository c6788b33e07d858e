package dev.warroom.experts.metrics.nab;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** NAB's timestamp text, {@code 2014-02-14 14:30:00} or with microseconds as in the labels. */
final class NabTimestamps {
  private static final DateTimeFormatter FORMAT =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
          .optionalEnd()
          .toFormatter();

  private NabTimestamps() {}

  /** Seconds since the epoch, the text read as UTC; the message names {@code where} on error. */
  static long parseSeconds(String text, String where) {
    try {
      return LocalDateTime.parse(text.trim(), FORMAT).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + ": bad timestamp '" + text + "'", e);
    }
  }
}

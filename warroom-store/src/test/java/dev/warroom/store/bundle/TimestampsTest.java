package dev.warroom.store.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static final Instant T = Instant.parse("2024-05-01T12:00:00Z");

  @Test
  void epochUnitIsToldByMagnitude() {
    assertThat(Timestamps.UTC.parse("1714564800")).isEqualTo(T);
    assertThat(Timestamps.UTC.parse("1714564800000")).isEqualTo(T);
    assertThat(Timestamps.UTC.parse("1714564800000000")).isEqualTo(T);
    assertThat(Timestamps.UTC.parse("1714564800000000000")).isEqualTo(T);
    assertThat(Timestamps.UTC.parse("1714564800.25")).isEqualTo(T.plusMillis(250));
  }

  @Test
  void rfc3339WithOffsetsFractionsAndSpaces() {
    assertThat(Timestamps.UTC.parse("2024-05-01T14:00:00+02:00")).isEqualTo(T);
    assertThat(Timestamps.UTC.parse("2024-05-01 12:00:00.000000001Z")).isEqualTo(T.plusNanos(1));
    assertThat(Timestamps.UTC.parse("2024-05-01t12:00:00z")).isEqualTo(T);
  }

  @Test
  void naiveDateTimesAreReadInTheBundleZone() {
    assertThat(Timestamps.inZone("America/New_York").parse("2024-05-01T08:00:00")).isEqualTo(T);
    assertThat(Timestamps.inZone("Europe/Paris").parse("2024-05-01 14:00:00,000")).isEqualTo(T);
  }

  @Test
  void rejectsOutOfRangeAndGarbage() {
    assertThatThrownBy(() -> Timestamps.UTC.parse("1969-12-31T23:59:59Z"))
        .hasMessageContaining("before 1970");
    assertThatThrownBy(() -> Timestamps.UTC.parse("2300-01-01T00:00:00Z"))
        .hasMessageContaining("after 2262-04-11");
    assertThatThrownBy(() -> Timestamps.UTC.parse("2024-02-30T00:00:00Z"))
        .hasMessageContaining("not a timestamp");
    assertThatThrownBy(() -> Timestamps.inZone("Mars/Olympus"))
        .hasMessageContaining("unknown time zone");
  }
}

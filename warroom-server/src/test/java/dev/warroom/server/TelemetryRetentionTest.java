package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: telemetry older than {@code retentionHours} is dropped; the store stays bounded. */
class TelemetryRetentionTest {
  @TempDir Path dir;

  static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
  static final int PER_HOUR = 2_000;

  /** {@code n} log records and {@code n} gauge points of one service, one per second from t. */
  static String logs(Instant t, int n) {
    StringBuilder b =
        new StringBuilder(
            "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
                + "\"value\":{\"stringValue\":\"checkout\"}}]},\"scopeLogs\":[{\"scope\":{},"
                + "\"logRecords\":[");
    for (int i = 0; i < n; i++) {
      long ns = (t.getEpochSecond() + i) * 1_000_000_000L;
      b.append(i == 0 ? "" : ",")
          .append("{\"timeUnixNano\":\"")
          .append(ns)
          .append("\",\"severityNumber\":9,\"body\":{\"stringValue\":\"order ")
          .append(i)
          .append(" placed for customer ")
          .append(i * 7919 % 100_000)
          .append("\"}}");
    }
    return b.append("]}]}]}").toString();
  }

  static String gauge(Instant t, int n) {
    StringBuilder b =
        new StringBuilder(
            "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
                + "\"value\":{\"stringValue\":\"checkout\"}}]},\"scopeMetrics\":[{\"scope\":{},"
                + "\"metrics\":[{\"name\":\"cpu_usage\",\"gauge\":{\"dataPoints\":[");
    for (int i = 0; i < n; i++) {
      long ns = (t.getEpochSecond() + i) * 1_000_000_000L;
      b.append(i == 0 ? "" : ",")
          .append("{\"timeUnixNano\":\"")
          .append(ns)
          .append("\",\"asDouble\":")
          .append(0.5 + (i % 10) / 100.0)
          .append("}");
    }
    return b.append("]}}]}]}]}").toString();
  }

  @Test
  void telemetryOlderThanTheRetentionIsDroppedAndTheStoreStaysBounded() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(T0);
    InstantSource clock = now::get;
    ServerConfig c =
        TestServer.config(dir)
            .withOptions(ServerConfig.Options.DEFAULT.withRetention(Duration.ofHours(3)));
    try (TestServer t = new TestServer(c, clock)) {
      long steadySize = 0;
      for (int hour = 0; hour < 24; hour++) {
        Instant start = T0.plus(Duration.ofHours(hour));
        now.set(start.plus(Duration.ofHours(1)));
        for (String[] req :
            new String[][] {
              {"/v1/logs", logs(start, PER_HOUR)}, {"/v1/metrics", gauge(start, PER_HOUR)}
            }) {
          var r =
              t.send(
                  "POST",
                  req[0],
                  TestServer.RESPONDER,
                  req[1].getBytes(),
                  java.util.Map.of("Content-Type", "application/json"));
          assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        var dropped = t.server.sweepTelemetry();
        var summary = t.server.telemetrySummary();
        // at most the last 3 hours (plus the hour just received, which starts at the cutoff)
        assertThat(summary.logRecords()).isLessThanOrEqualTo(3L * PER_HOUR);
        assertThat(summary.points()).isLessThanOrEqualTo(3L * PER_HOUR);
        if (hour >= 3) {
          assertThat(dropped.logRecords()).as("hour " + hour).isEqualTo(PER_HOUR);
          assertThat(dropped.points()).as("hour " + hour).isEqualTo(PER_HOUR);
          assertThat(summary.timeRange().start()).isEqualTo(now.get().minus(Duration.ofHours(3)));
        }
        long size = Files.size(dir.resolve("telemetry.duckdb"));
        if (hour == 6) {
          steadySize = size;
        } else if (hour > 6) {
          assertThat(size)
              .as("file size at hour " + hour + " against " + steadySize + " at hour 6")
              .isLessThanOrEqualTo(steadySize * 2);
        }
      }
    }
  }

  @Test
  void withoutRetentionNothingIsSweptAndTheConfigKeyIsStrict() throws Exception {
    try (TestServer t = new TestServer(dir.resolve("a"))) {
      assertThatThrownBy(t.server::sweepTelemetry).hasMessageContaining("retentionHours");
    }
    Path cfg = dir.resolve("server.json");
    Files.writeString(cfg, "{\"retentionHours\": 48, \"dataDir\": \"d\"}");
    assertThat(ServerConfig.load(cfg).options().retention()).isEqualTo(Duration.ofHours(48));
    Files.writeString(cfg, "{\"retentionHours\": \"two days\"}");
    assertThatThrownBy(() -> ServerConfig.load(cfg))
        .hasMessageContaining("server.json#/retentionHours: expected a number of hours");
    Files.writeString(cfg, "{\"retentionHour\": 48}");
    assertThatThrownBy(() -> ServerConfig.load(cfg))
        .hasMessageContaining("server.json#/retentionHour: unknown key");
    assertThat(TelemetryRetention.period(Duration.ofDays(30))).isEqualTo(Duration.ofMinutes(10));
    assertThat(TelemetryRetention.period(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(6));
  }
}

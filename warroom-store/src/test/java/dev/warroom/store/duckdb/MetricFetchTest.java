package dev.warroom.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.BundleManifest;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import dev.warroom.store.MetricQuery;
import dev.warroom.store.QueryResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Raw metric fetch: series in key order, points in time order, both statements shown. */
class MetricFetchTest {
  private static MetricSeries series(String name, String svc, long... ts) {
    double[] vs = new double[ts.length];
    for (int i = 0; i < ts.length; i++) {
      vs[i] = ts[i] / 1000.0;
    }
    return new MetricSeries(SeriesKey.of(name, "service", svc), ts, vs);
  }

  private static DuckDbStore store() {
    DuckDbStore s = DuckDbStore.inMemory();
    // Inserted out of key order, with interleaved timestamps across series.
    s.ingest(
        new IncidentBundle(
            BundleManifest.empty(),
            null,
            List.of(
                series("cpu", "web", 3000, 60_000, 120_000),
                series("cpu", "api", 1000, 61_000, 121_000),
                series("mem", "api", 500, 500_000)),
            List.of(),
            List.of(),
            List.of(),
            Topology.empty(),
            List.of()));
    return s;
  }

  /** Issue 15 #5: a re-sent batch (a collector's retry) stored the same points twice. */
  @Test
  void pointsStoredTwiceAreReadOnce() {
    try (DuckDbStore s = store()) {
      s.ingest(
          new IncidentBundle(
              BundleManifest.empty(),
              null,
              List.of(series("cpu", "api", 1000, 61_000, 200_000)),
              List.of(),
              List.of(),
              List.of(),
              Topology.empty(),
              List.of()));
      QueryResult<MetricSeries> r =
          s.metrics(new MetricQuery("cpu", List.of(), null, null, Integer.MAX_VALUE));
      assertThat(r.rows().get(0).timestampsMillis())
          .containsExactly(1000, 61_000, 121_000, 200_000);
    }
  }

  @Test
  void returnsSeriesInKeyOrderWithTheirPointsInTimeOrder() {
    try (DuckDbStore s = store()) {
      QueryResult<MetricSeries> r =
          s.metrics(new MetricQuery(null, List.of(), null, null, Integer.MAX_VALUE));
      assertThat(r.rows())
          .extracting(m -> m.key().name() + "/" + m.key().labels().get("service"))
          .containsExactly("cpu/api", "cpu/web", "mem/api");
      assertThat(r.rows().get(0).timestampsMillis()).containsExactly(1000, 61_000, 121_000);
      assertThat(r.rows().get(0).values()).containsExactly(1.0, 61.0, 121.0);
      assertThat(r.truncated()).isFalse();
    }
  }

  @Test
  void leavesOutSeriesWithoutPointsInTheWindowAndCountsTheLimitOnTheRest() {
    try (DuckDbStore s = store()) {
      TimeWindow w = new TimeWindow(Instant.ofEpochMilli(0), Instant.ofEpochMilli(100_000));
      QueryResult<MetricSeries> r = s.metrics(new MetricQuery("cpu", List.of(), null, w, 1));
      assertThat(r.rows()).hasSize(1);
      assertThat(r.rows().get(0).timestampsMillis()).containsExactly(1000, 61_000);
      assertThat(r.truncated()).isTrue();
      // The shown query is both statements that ran: the series, then their points.
      assertThat(r.nativeQuery()).contains("FROM sel JOIN series s").contains("FROM points p");
    }
  }
}

package dev.warroom.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.BundleManifest;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.TimeWindow;
import dev.warroom.store.Aggregation;
import dev.warroom.store.LogQuery;
import dev.warroom.store.MetricAggregationQuery;
import dev.warroom.store.MetricQuery;
import dev.warroom.store.SampleBundles;
import dev.warroom.store.duckdb.DuckDbStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecordingStoreTest {
  private static final java.time.Instant T0 = SampleBundles.T0;

  @Test
  void keepsExactlyTheRowsReadJoiningSeriesReadInParts() {
    IncidentBundle sample = SampleBundles.incident();
    DuckDbStore duck = DuckDbStore.inMemory();
    duck.ingest(sample);
    try (RecordingStore rec = new RecordingStore(duck)) {
      // two overlapping parts of cart's cpu_usage: 0..200 s and 100..300 s
      rec.metrics(
          MetricQuery.of("cpu_usage", new TimeWindow(T0, T0.plusSeconds(200))).withService("cart"));
      rec.metrics(
          MetricQuery.of("cpu_usage", new TimeWindow(T0.plusSeconds(100), T0.plusSeconds(300)))
              .withService("cart"));
      // derived rows are not kept
      rec.aggregate(
          MetricAggregationQuery.of(
              MetricQuery.of("http_requests_total", null),
              Duration.ofMinutes(1),
              Aggregation.RATE));
      rec.logs(LogQuery.all(null).withServices("cart").withLimit(5));
      rec.logs(LogQuery.all(null).withServices("cart").withLimit(5));

      IncidentBundle b = rec.bundle(BundleManifest.empty(), sample.alert());
      assertThat(b.metrics())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.key().toString()).isEqualTo("cpu_usage{service=\"cart\"}");
                assertThat(s.size()).isEqualTo(30); // 0..290 s every 10 s, each sample once
              });
      MetricSeries full =
          sample.metrics().stream()
              .filter(s -> s.key().equals(b.metrics().get(0).key()))
              .findFirst()
              .orElseThrow();
      assertThat(b.metrics().get(0).values())
          .containsExactly(java.util.Arrays.copyOf(full.values(), 30));
      assertThat(b.logs()).hasSize(5);
      assertThat(b.spans()).isEmpty();
      assertThat(b.alert()).isEqualTo(sample.alert());
    }
  }
}

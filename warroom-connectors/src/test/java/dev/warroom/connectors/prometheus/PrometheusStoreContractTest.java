package dev.warroom.connectors.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.MetricSeries;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import dev.warroom.store.Aggregation;
import dev.warroom.store.EventQuery;
import dev.warroom.store.LabelMatcher;
import dev.warroom.store.LogCountQuery;
import dev.warroom.store.LogQuery;
import dev.warroom.store.MetricAggregationQuery;
import dev.warroom.store.MetricQuery;
import dev.warroom.store.SampleBundles;
import dev.warroom.store.SpanAggregateQuery;
import dev.warroom.store.SpanQuery;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.TelemetryStore;
import dev.warroom.store.TelemetryStoreContract;
import dev.warroom.store.UnsupportedQueryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract against a real Prometheus holding the sample incident's metrics (backfilled
 * with promtool). The metric tests run as written, except where Prometheus' own semantics differ
 * (said at each override); the logs, traces, events and code tests are replaced by tests that those
 * reads are refused as unsupported, which is what the engine lists as missing data.
 */
class PrometheusStoreContractTest extends TelemetryStoreContract {
  @TempDir static Path dir;
  static LocalPrometheus server;

  /** The sample's ten minutes: Prometheus step aggregations need a window (see below). */
  private static final TimeWindow TEN_MINUTES =
      new TimeWindow(SampleBundles.T0, SampleBundles.T0.plusSeconds(600));

  @BeforeAll
  static void startPrometheus() {
    PrometheusBinaries.require();
    server = LocalPrometheus.start(SampleBundles.incident().metrics(), dir);
  }

  @AfterAll
  static void stopPrometheus() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected TelemetryStore storeWith(dev.warroom.model.IncidentBundle bundle) {
    assertThat(bundle.metrics()).isEqualTo(SampleBundles.incident().metrics());
    return new PrometheusStore(PrometheusBinaries.source(server.url(), null, null));
  }

  /**
   * Overridden: Prometheus' rate extrapolates the increase to the edges of each one-minute range
   * (the samples of a bucket span 50 s of its 60), so the rates are within 0.1% of the exact ones,
   * not 1e-9; and a step aggregation over "all time" (back to 2024) at one minute would be more
   * steps than Prometheus answers, so the window is the sample's.
   */
  @Test
  @Override
  protected void rateIsThePerSecondIncreaseOfACounter() {
    var sel =
        MetricQuery.of("http_requests_total", TEN_MINUTES)
            .withMatchers(List.of(LabelMatcher.eq("code", "500")));
    var r =
        store.aggregate(
            MetricAggregationQuery.of(sel, Duration.ofMinutes(1), Aggregation.RATE, "service"));
    assertThat(r.rows()).hasSize(2);
    MetricSeries cart =
        r.rows().stream()
            .filter(s -> "cart".equals(s.key().label("service")))
            .findFirst()
            .orElseThrow();
    assertThat(cart.key().name()).isEqualTo("http_requests_total:rate");
    int lastBucket = cart.size() - 1;
    assertThat(cart.timestampAt(lastBucket)).isEqualTo(T0.plusSeconds(540).toEpochMilli());
    assertThat(cart.valueAt(lastBucket)).isCloseTo(5.0, Offset.offset(0.005));
    assertThat(cart.valueAt(2)).isCloseTo(0.1, Offset.offset(0.0001));
    assertThat(r.nativeQuery())
        .startsWith("sum by (service) (rate(http_requests_total{code=\"500\"}[60000ms]))\n");
  }

  /** Overridden for the window only (see {@link #rateIsThePerSecondIncreaseOfACounter}). */
  @Test
  @Override
  protected void maxAndQuantileFoldEachBucket() {
    var sel = MetricQuery.of("cpu_usage", TEN_MINUTES);
    var max =
        store.aggregate(MetricAggregationQuery.of(sel, Duration.ofMinutes(5), Aggregation.MAX));
    assertThat(max.rows()).hasSize(1);
    assertThat(max.rows().get(0).values()).containsExactly(0.22, 0.9);
    var p50 =
        store.aggregate(
            MetricAggregationQuery.quantile(sel, Duration.ofMinutes(10), 0.5, "service"));
    assertThat(p50.rows()).hasSize(2);
    assertThat(p50.rows()).allSatisfy(s -> assertThat(s.valueAt(0)).isBetween(0.2, 0.9));
  }

  /**
   * Overridden: Prometheus holds metrics only, and its summary counts series per service (counting
   * points would read every sample of the history).
   */
  @Test
  @Override
  protected void summaryCountsPerServiceAndTimeRange() {
    StoreSummary s = store.summary();
    assertThat(s.series()).isEqualTo(6);
    assertThat(s.logRecords()).isZero();
    assertThat(s.services())
        .extracting(StoreSummary.ServiceSummary::service, StoreSummary.ServiceSummary::series)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cart", 3L),
            org.assertj.core.groups.Tuple.tuple("checkout", 3L));
    assertThat(s.timeRange().start()).isEqualTo(T0);
    assertThat(s.timeRange().end()).isAfter(T0.plusSeconds(590));
  }

  @Test
  @Override
  protected void documentsComeBackAsLoaded() {
    assertThat(store.topology()).isEqualTo(Topology.empty());
    assertThat(store.alert()).isEmpty();
    assertThatThrownBy(() -> store.code("cart")).isInstanceOf(UnsupportedQueryException.class);
  }

  @Test
  @Override
  protected void logsFilterByServiceSeverityAndRegex() {
    assertUnsupported(() -> store.logs(LogQuery.all(null)), "logs");
  }

  @Test
  @Override
  protected void logsFilterByContainsAttributeWindowAndTrace() {
    assertUnsupported(() -> store.logs(LogQuery.all(null).withContains("x")), "logs");
  }

  @Test
  @Override
  protected void logsComeBackExactlyAsLoaded() {
    assertUnsupported(() -> store.logs(LogQuery.all(null).withLimit(1)), "logs");
  }

  @Test
  @Override
  protected void logCountsGroupByServiceSeverityAndBucket() {
    assertUnsupported(
        () ->
            store.logCounts(
                new LogCountQuery(
                    LogQuery.all(null),
                    EnumSet.allOf(LogCountQuery.GroupBy.class),
                    Duration.ofMinutes(5))),
        "logs");
  }

  @Test
  @Override
  protected void traceReturnsEverySpanOfOneTrace() {
    assertUnsupported(() -> store.trace(SampleBundles.traceId(25)), "traces");
  }

  @Test
  @Override
  protected void spansFilterByServiceStatusAndMinDuration() {
    assertUnsupported(() -> store.spans(SpanQuery.all(null)), "traces");
  }

  @Test
  @Override
  protected void spanAggregatesCountErrorsAndPercentiles() {
    assertUnsupported(
        () -> store.spanAggregates(new SpanAggregateQuery(SpanQuery.all(null), null)), "traces");
  }

  @Test
  @Override
  protected void eventsFilterByObjectReasonServiceAndWindow() {
    assertUnsupported(() -> store.events(EventQuery.all(null)), "events");
  }

  @Test
  void rawReadReturnsTheStoredSamplesExactly() {
    var r = store.metrics(MetricQuery.of(null, null));
    assertThat(r.rows()).containsExactlyInAnyOrderElementsOf(bundle.metrics());
    assertThat(r.dialect()).isEqualTo("promql");
    assertThat(r.nativeQuery()).startsWith("{__name__=~\".+\"}[");
  }

  @Test
  void labelMappingRenamesTheBackendsServiceLabelAndFixedMatchersNarrow() {
    // read the sample's "service" label as if it were the node: results carry it as "node"
    try (var mapped =
        new PrometheusStore(
            PrometheusBinaries.source(
                server.url(),
                Map.of("node", "service", "service", "app"),
                Map.of("match", Map.of("code", "500"))))) {
      var r = mapped.metrics(MetricQuery.of("http_requests_total", null));
      assertThat(r.rows())
          .extracting(s -> s.key().toString())
          .containsExactlyInAnyOrder(
              "http_requests_total{node=\"cart\"}", "http_requests_total{node=\"checkout\"}");
      assertThat(r.nativeQuery()).startsWith("http_requests_total{code=\"500\"}[");
      var byNode =
          mapped.metrics(
              MetricQuery.of("http_requests_total", null)
                  .withMatchers(List.of(LabelMatcher.eq("node", "cart"))));
      assertThat(byNode.rows()).singleElement();
      assertThat(byNode.nativeQuery()).contains("service=\"cart\"");
    }
  }

  private static void assertUnsupported(Runnable read, String what) {
    assertThatThrownBy(read::run)
        .isInstanceOf(UnsupportedQueryException.class)
        .hasMessageContaining("prom (prometheus) holds metrics only, not " + what);
  }
}

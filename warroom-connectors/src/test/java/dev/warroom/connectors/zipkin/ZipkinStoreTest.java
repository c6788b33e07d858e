package dev.warroom.connectors.zipkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.connectors.HttpReader;
import dev.warroom.connectors.LiveBackends;
import dev.warroom.connectors.SourceConfig;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.Span;
import dev.warroom.model.SpanStatus;
import dev.warroom.model.TimeWindow;
import dev.warroom.store.LogQuery;
import dev.warroom.store.SampleBundles;
import dev.warroom.store.SpanAggregateQuery;
import dev.warroom.store.SpanQuery;
import dev.warroom.store.TelemetryStore;
import dev.warroom.store.TelemetryStoreContract;
import dev.warroom.store.UnsupportedQueryException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Against a real Zipkin server (the exec jar, in-memory storage) started for this class. */
class ZipkinStoreTest {
  static final Instant T0 = SampleBundles.T0;

  /** "Now" for window-less queries: a day after the sample incident. */
  static final InstantSource CLOCK = InstantSource.fixed(T0.plus(Duration.ofDays(1)));

  static LiveBackends.Zipkin zipkin;

  @BeforeAll
  static void up() {
    zipkin = LiveBackends.zipkin();
    zipkin.loadSpans(SampleBundles.incident().spans());
  }

  @AfterAll
  static void down() {
    if (zipkin != null) {
      zipkin.close();
    }
  }

  static ZipkinStore store() {
    return new ZipkinStore(zipkin.source("traces"), CLOCK);
  }

  static ZipkinStore store(String option, String value) {
    SourceConfig c = zipkin.source("traces");
    Map<String, Object> o = new HashMap<>(c.options());
    o.put(option, value);
    return new ZipkinStore(
        new SourceConfig(
            c.name(),
            c.type(),
            c.url(),
            c.auth(),
            c.tls(),
            c.timeout(),
            c.ratePerSecond(),
            c.queryBudget(),
            c.retries(),
            c.labels(),
            o),
        CLOCK);
  }

  @Nested
  class Contract extends TelemetryStoreContract {
    @Override
    protected TelemetryStore storeWith(IncidentBundle bundle) {
      return store(); // loaded once for the class: Zipkin has no delete, SampleBundles is fixed
    }

    private static final String TRACES_ONLY = "Zipkin holds traces only";

    @Test
    @Disabled(TRACES_ONLY)
    @Override
    protected void metricsSelectByNameAndLabelMatchers() {}

    @Test
    @Disabled(TRACES_ONLY)
    @Override
    protected void metricsRegexMatcherIsAnchoredAndNegationWorks() {}

    @Test
    @Disabled(TRACES_ONLY)
    @Override
    protected void metricsWindowKeepsOnlyPointsInsideIt() {}

    @Test
    @Disabled(TRACES_ONLY)
    @Override
    protected void metricsLimitTruncates() {}

    @Test
    @Disabled(TRACES_ONLY)
    @Override
    protected void rateIsThePerSecondIncreaseOfACounter() {}

    @Test
    @Disabled(TRACES_ONLY)
    @Override
    protected void maxAndQuantileFoldEachBucket() {}

    @Test
    @Disabled(TRACES_ONLY)
    @Override
    protected void metricNamesAreSorted() {}

    @Test
    @Disabled(TRACES_ONLY)
    @Override
    protected void seriesKeysSurviveWithAllLabels() {}

    @Test
    @Disabled(TRACES_ONLY)
    @Override
    protected void logsFilterByServiceSeverityAndRegex() {}

    @Test
    @Disabled(TRACES_ONLY)
    @Override
    protected void logsFilterByContainsAttributeWindowAndTrace() {}

    @Test
    @Disabled(TRACES_ONLY)
    @Override
    protected void logsComeBackExactlyAsLoaded() {}

    @Test
    @Disabled(TRACES_ONLY)
    @Override
    protected void logCountsGroupByServiceSeverityAndBucket() {}

    @Test
    @Disabled(TRACES_ONLY)
    @Override
    protected void eventsFilterByObjectReasonServiceAndWindow() {}

    @Test
    @Disabled(
        "topology here is Zipkin's dependency links (see topologyIsZipkinsDependencyLinks);"
            + " alert, manifest and code are bundle documents")
    @Override
    protected void documentsComeBackAsLoaded() {}

    @Test
    @Disabled("a traces-only summary; see summaryCountsSpansAndTracesPerService")
    @Override
    protected void summaryCountsPerServiceAndTimeRange() {}

    @Test
    @Disabled(
        "Zipkin lower-cases span names ('POST /checkout' comes back 'post /checkout'); the"
            + " same checks modulo that case: spansFilterByServiceStatusAndMinDurationModuloCase")
    @Override
    protected void spansFilterByServiceStatusAndMinDuration() {}
  }

  @Test
  void spansFilterByServiceStatusAndMinDurationModuloCase() {
    IncidentBundle bundle = SampleBundles.incident();
    ZipkinStore s = store();
    var r =
        s.spans(
            SpanQuery.all(null)
                .withServices("checkout")
                .withStatus(SpanStatus.ERROR)
                .withMinDuration(Duration.ofSeconds(3)));
    assertThat(r.rows()).hasSize(20).allSatisfy(x -> assertThat(x.isError()).isTrue());
    assertThat(s.spans(SpanQuery.all(null).withOperation("GET /cart")).rows()).hasSize(40);
    Span first = s.spans(SpanQuery.all(null).withLimit(1)).rows().get(0);
    Span expected = bundle.spans().get(0);
    assertThat(first)
        .isEqualTo(
            new Span(
                expected.traceId(),
                expected.spanId(),
                expected.parentSpanId(),
                expected.service(),
                expected.operation().toLowerCase(Locale.ROOT),
                expected.kind(),
                expected.start(),
                expected.duration(),
                expected.status(),
                expected.attributes(),
                expected.events()));
  }

  @Test
  void theNativeQueryIsTheRequestSent() {
    ZipkinStore s = store();
    TimeWindow w = new TimeWindow(T0.plusSeconds(300), T0.plusSeconds(600));
    var r =
        s.spans(
            SpanQuery.all(w)
                .withServices("checkout", "cart")
                .withStatus(SpanStatus.ERROR)
                .withMinDuration(Duration.ofMillis(2500)));
    assertThat(r.dialect()).isEqualTo("zipkin-api-v2");
    assertThat(r.nativeQuery())
        .isEqualTo(
            String.join(
                "\n", s.reader().sent().stream().map(HttpReader.Sent::pathAndQuery).toList()));
    assertThat(r.nativeQuery())
        .isEqualTo(
            "/api/v2/traces?serviceName=cart&annotationQuery=error&minDuration=2500000"
                + "&endTs=1714565400000&lookback=300000&limit=1000\n"
                + "/api/v2/traces?serviceName=checkout&annotationQuery=error&minDuration=2500000"
                + "&endTs=1714565400000&lookback=300000&limit=1000");
    assertThat(r.rows()).hasSize(40);
    assertThat(r.rows()).allSatisfy(x -> assertThat(w.contains(x.start())).isTrue());
  }

  @Test
  void aggregatesAreComputedFromABoundedFetchAndSaySoWhenCut() {
    var all = store().spanAggregates(new SpanAggregateQuery(SpanQuery.all(null), null));
    assertThat(all.truncated()).isFalse();
    assertThat(all.rows())
        .extracting(a -> a.service() + " " + a.operation() + " " + a.count() + "/" + a.errors())
        .containsExactly("cart get /cart 40/20", "checkout post /checkout 40/20");
    // only the 5 most recent traces: the figures cover part of the window, and say so
    var capped =
        store("maxTraces", "5").spanAggregates(new SpanAggregateQuery(SpanQuery.all(null), null));
    assertThat(capped.truncated()).isTrue();
    assertThat(capped.rows()).allSatisfy(a -> assertThat(a.count()).isEqualTo(5));
    var rows =
        store("maxRows", "3")
            .spanAggregates(new SpanAggregateQuery(SpanQuery.all(null), Duration.ofMinutes(1)));
    assertThat(rows.rows()).hasSize(3);
    assertThat(rows.truncated()).isTrue();
  }

  @Test
  void topologyIsZipkinsDependencyLinks() {
    var t = store().topology(SampleBundles.window());
    assertThat(t.edges())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.caller()).isEqualTo("checkout");
              assertThat(e.callee()).isEqualTo("cart");
              assertThat(e.callsPerMinute()).isEqualTo(4.0); // 40 calls in 10 minutes
            });
    assertThat(store().topology().edges())
        .extracting(DependencyEdge::callee)
        .containsExactly("cart");
  }

  @Test
  void summaryCountsSpansAndTracesPerService() {
    var s = store().summary();
    assertThat(s.spans()).isEqualTo(80);
    assertThat(s.traces()).isEqualTo(40);
    // every service Zipkin knows is listed; those without spans in the lookback count 0
    assertThat(s.services())
        .filteredOn(x -> x.spans() > 0)
        .extracting(x -> x.service() + " " + x.spans() + " " + x.traces())
        .containsExactly("cart 40 40", "checkout 40 40");
    assertThat(s.timeRange().start()).isEqualTo(T0.plusNanos(123_000));
  }

  @Test
  void messySpansAreSkippedAndCounted() {
    String trace = "00000000000000000000000000fee001";
    LiveBackends.post(
        zipkin.url(),
        "/api/v2/spans",
        "[{\"traceId\":\""
            + trace
            + "\",\"id\":\"0000000000000001\",\"name\":\"ok\","
            + "\"timestamp\":1711929600000000,\"duration\":5,\"localEndpoint\":{\"serviceName\":\"m\"},"
            + "\"remoteEndpoint\":{\"serviceName\":\"db\",\"ipv4\":\"10.0.0.9\",\"port\":5432},"
            + "\"tags\":{\"http.status_code\":\"503\"}},"
            + "{\"traceId\":\""
            + trace
            + "\",\"id\":\"0000000000000002\",\"name\":\"no service\","
            + "\"timestamp\":1711929600000001,\"duration\":5},"
            + "{\"traceId\":\""
            + trace
            + "\",\"id\":\"0000000000000003\",\"name\":\"no time\","
            + "\"localEndpoint\":{\"serviceName\":\"m\"}}]");
    ZipkinStore s = store();
    // a month before the sample, outside the lookback of the other tests
    var r = s.trace(trace);
    assertThat(r.rows())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.status()).isEqualTo(SpanStatus.ERROR); // 5xx without a status tag
              assertThat(x.attributes())
                  .containsEntry("peer.service", "db")
                  .containsEntry("net.peer.ip", "10.0.0.9")
                  .containsEntry("net.peer.port", "5432");
            });
    assertThat(s.skipped())
        .containsEntry("no localEndpoint.serviceName", 1L)
        .containsEntry("no timestamp", 1L);
  }

  @Test
  void otherKindsAreUnsupportedAndBadIdsRefused() {
    assertThatThrownBy(() -> store().logs(LogQuery.all(null)))
        .isInstanceOf(UnsupportedQueryException.class)
        .hasMessageContaining("source traces (zipkin)");
    assertThatThrownBy(() -> store().trace("not-hex"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not-hex");
    assertThatThrownBy(() -> store("lookback", "a week")).hasMessageContaining("options.lookback");
    assertThat(store().trace("ffffffffffffffffffffffffffffffff").nativeQuery())
        .isEqualTo("/api/v2/trace/ffffffffffffffffffffffffffffffff");
    store().check();
  }
}

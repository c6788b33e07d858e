package dev.warroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.Event;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.Severity;
import dev.warroom.model.Span;
import dev.warroom.model.SpanStatus;
import dev.warroom.model.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TelemetryStore} must show, run against {@link
 * SampleBundles#incident()}. A store implementation (embedded or a connector) extends this class
 * and says how to get a store holding a bundle; the expected values are derived from the sample's
 * construction, not from any implementation.
 */
public abstract class TelemetryStoreContract {
  protected static final Instant T0 = SampleBundles.T0;
  protected IncidentBundle bundle;
  protected TelemetryStore store;

  /** A store that holds exactly the given bundle. */
  protected abstract TelemetryStore storeWith(IncidentBundle bundle);

  @BeforeEach
  void load() {
    bundle = SampleBundles.incident();
    store = storeWith(bundle);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  protected void checkSucceedsOnAWorkingStore() {
    store.check();
  }

  @Test
  protected void metricsSelectByNameAndLabelMatchers() {
    QueryResult<MetricSeries> r =
        store.metrics(
            MetricQuery.of("http_requests_total", null)
                .withMatchers(List.of(LabelMatcher.eq("code", "500"))));
    assertThat(r.rows())
        .extracting(s -> s.key().service())
        .containsExactlyInAnyOrder("cart", "checkout");
    assertThat(r.rows()).allSatisfy(s -> assertThat(s.size()).isEqualTo(60));
    assertThat(r.nativeQuery()).isNotBlank();
    assertThat(r.dialect()).isNotBlank();
  }

  @Test
  protected void metricsRegexMatcherIsAnchoredAndNegationWorks() {
    var re =
        store.metrics(
            MetricQuery.of("http_requests_total", null)
                .withMatchers(List.of(LabelMatcher.regex("code", "5.."))));
    assertThat(re.rows()).hasSize(2);
    var partial =
        store.metrics(
            MetricQuery.of("http_requests_total", null)
                .withMatchers(List.of(LabelMatcher.regex("code", "5"))));
    assertThat(partial.rows()).isEmpty();
    var neq =
        store.metrics(
            MetricQuery.of(null, null)
                .withMatchers(List.of(new LabelMatcher("code", LabelMatcher.Op.NEQ, "500"))));
    // cpu_usage has no code label (matches as "") and the two code="200" series
    assertThat(neq.rows()).hasSize(4);
  }

  @Test
  protected void metricsWindowKeepsOnlyPointsInsideIt() {
    TimeWindow w = new TimeWindow(T0.plusSeconds(100), T0.plusSeconds(200));
    var r = store.metrics(MetricQuery.of("cpu_usage", w).withService("cart"));
    assertThat(r.rows()).hasSize(1);
    MetricSeries s = r.rows().get(0);
    assertThat(s.size()).isEqualTo(10);
    assertThat(s.timestampAt(0)).isEqualTo(T0.plusSeconds(100).toEpochMilli());
    assertThat(s.timestampAt(9)).isEqualTo(T0.plusSeconds(190).toEpochMilli());
  }

  @Test
  protected void metricsLimitTruncates() {
    var r = store.metrics(new MetricQuery(null, List.of(), null, null, 2));
    assertThat(r.rows()).hasSize(2);
    assertThat(r.truncated()).isTrue();
  }

  @Test
  protected void rateIsThePerSecondIncreaseOfACounter() {
    var sel =
        MetricQuery.of("http_requests_total", null)
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
    // before minute 5: +1 per 10 s; from minute 5: +50 per 10 s
    int lastBucket = cart.size() - 1;
    assertThat(cart.timestampAt(lastBucket)).isEqualTo(T0.plusSeconds(540).toEpochMilli());
    assertThat(cart.valueAt(lastBucket)).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(cart.valueAt(2)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  protected void maxAndQuantileFoldEachBucket() {
    var sel = MetricQuery.of("cpu_usage", null);
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

  @Test
  protected void metricNamesAreSorted() {
    assertThat(store.metricNames()).containsExactly("cpu_usage", "http_requests_total");
  }

  @Test
  protected void logsFilterByServiceSeverityAndRegex() {
    var r =
        store.logs(
            LogQuery.all(null)
                .withServices("cart")
                .withMinSeverity(Severity.WARN)
                .withRegex("timeout after [0-9]+ ms"));
    assertThat(r.rows()).hasSize(30);
    assertThat(r.rows()).allSatisfy(l -> assertThat(l.body()).startsWith("db timeout"));
    assertThat(r.rows()).isSortedAccordingTo(java.util.Comparator.comparing(LogRecord::timestamp));
    assertThat(r.nativeQuery()).contains("timeout after [0-9]+ ms");
  }

  @Test
  protected void logsFilterByContainsAttributeWindowAndTrace() {
    assertThat(store.logs(LogQuery.all(null).withContains("\"quoted\"")).rows()).hasSize(120);
    assertThat(store.logs(LogQuery.all(null).withAttributes(Map.of("thread", "http-1"))).rows())
        .hasSize(30);
    TimeWindow w = new TimeWindow(T0, T0.plusSeconds(10));
    assertThat(store.logs(LogQuery.all(w)).rows()).hasSize(4);
    var byTrace = store.logs(LogQuery.all(null).withTraceId(SampleBundles.traceId(20)));
    assertThat(byTrace.rows())
        .singleElement()
        .satisfies(l -> assertThat(l.spanId()).isEqualTo(SampleBundles.spanId(20, 1)));
  }

  @Test
  protected void logsComeBackExactlyAsLoaded() {
    var r = store.logs(LogQuery.all(null).withServices("checkout").withLimit(1));
    assertThat(r.rows()).containsExactly(bundle.logs().get(1));
    assertThat(r.truncated()).isTrue();
  }

  @Test
  protected void logCountsGroupByServiceSeverityAndBucket() {
    var r =
        store.logCounts(
            new LogCountQuery(
                LogQuery.all(null),
                EnumSet.allOf(LogCountQuery.GroupBy.class),
                Duration.ofMinutes(5)));
    assertThat(r.rows())
        .contains(
            new LogCount(T0, "cart", Severity.INFO, 60),
            new LogCount(T0.plusSeconds(300), "cart", Severity.ERROR, 30),
            new LogCount(T0.plusSeconds(300), "cart", Severity.INFO, 30),
            new LogCount(T0, "checkout", Severity.INFO, 60));
    var total = store.logCounts(new LogCountQuery(LogQuery.all(null), Set.of(), null));
    assertThat(total.rows()).containsExactly(new LogCount(null, null, null, 240));
  }

  @Test
  protected void traceReturnsEverySpanOfOneTrace() {
    var r = store.trace(SampleBundles.traceId(25));
    assertThat(r.rows()).hasSize(2);
    assertThat(r.rows().get(0).isRoot()).isTrue();
    assertThat(r.rows().get(1).events())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.attributes())
                    .containsEntry("exception.type", "java.sql.SQLTimeoutException"));
    assertThat(store.trace("ffffffffffffffffffffffffffffffff").rows()).isEmpty();
  }

  @Test
  protected void spansFilterByServiceStatusAndMinDuration() {
    var r =
        store.spans(
            SpanQuery.all(null)
                .withServices("checkout")
                .withStatus(SpanStatus.ERROR)
                .withMinDuration(Duration.ofSeconds(3)));
    assertThat(r.rows()).hasSize(20);
    assertThat(r.rows()).allSatisfy(s -> assertThat(s.isError()).isTrue());
    assertThat(store.spans(SpanQuery.all(null).withOperation("GET /cart")).rows()).hasSize(40);
    Span first = store.spans(SpanQuery.all(null).withLimit(1)).rows().get(0);
    assertThat(first).isEqualTo(bundle.spans().get(0));
  }

  @Test
  protected void spanAggregatesCountErrorsAndPercentiles() {
    var r =
        store.spanAggregates(
            new SpanAggregateQuery(SpanQuery.all(null).withServices("cart"), null));
    assertThat(r.rows())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.count()).isEqualTo(40);
              assertThat(a.errors()).isEqualTo(20);
              assertThat(a.max()).isEqualTo(Duration.ofMillis(3000));
              assertThat(a.p99()).isEqualTo(Duration.ofMillis(3000));
            });
    var bucketed =
        store.spanAggregates(
            new SpanAggregateQuery(
                SpanQuery.all(null).withServices("cart"), Duration.ofMinutes(5)));
    assertThat(bucketed.rows()).extracting(SpanAggregate::errors).containsExactly(0L, 20L);
  }

  @Test
  protected void eventsFilterByObjectReasonServiceAndWindow() {
    var pod = store.events(EventQuery.all(null).withObject("Pod", "cart-7d9f8b6c4-x2x9q"));
    assertThat(pod.rows()).singleElement().isInstanceOf(KubernetesEvent.class);
    var deploys = store.events(EventQuery.all(null).withReasons("deploy"));
    assertThat(deploys.rows())
        .singleElement()
        .satisfies(e -> assertThat(e.service()).isEqualTo("cart"));
    var cart = store.events(EventQuery.all(null).withServices("cart"));
    assertThat(cart.rows())
        .hasSize(4)
        .isSortedAccordingTo(java.util.Comparator.comparing(Event::time));
    var early = store.events(EventQuery.all(new TimeWindow(T0, T0.plusSeconds(150))));
    assertThat(early.rows()).hasSize(3);
    assertThat(store.events(EventQuery.all(null)).rows())
        .containsExactlyInAnyOrderElementsOf(bundle.events());
  }

  @Test
  protected void documentsComeBackAsLoaded() {
    assertThat(store.topology()).isEqualTo(bundle.topology());
    assertThat(store.alert()).contains(bundle.alert());
    assertThat(store.manifest()).isEqualTo(bundle.manifest());
    assertThat(store.code("cart")).isEqualTo(bundle.code());
    assertThat(store.code("checkout")).isEmpty();
  }

  @Test
  protected void summaryCountsPerServiceAndTimeRange() {
    StoreSummary s = store.summary();
    assertThat(s.series()).isEqualTo(6);
    assertThat(s.points()).isEqualTo(360);
    assertThat(s.logRecords()).isEqualTo(240);
    assertThat(s.spans()).isEqualTo(80);
    assertThat(s.traces()).isEqualTo(40);
    assertThat(s.events()).isEqualTo(7);
    assertThat(s.services())
        .extracting(StoreSummary.ServiceSummary::service)
        .containsExactly("(none)", "cart", "checkout");
    StoreSummary.ServiceSummary cart = s.services().get(1);
    assertThat(cart).isEqualTo(new StoreSummary.ServiceSummary("cart", 3, 180, 120, 40, 40, 4));
    assertThat(s.timeRange().start()).isEqualTo(T0);
    assertThat(s.timeRange().end()).isAfter(T0.plusSeconds(590));
  }

  @Test
  protected void seriesKeysSurviveWithAllLabels() {
    var r = store.metrics(MetricQuery.of("http_requests_total", null).withService("cart"));
    assertThat(r.rows())
        .extracting(MetricSeries::key)
        .containsExactly(
            SeriesKey.of("http_requests_total", "code", "200", "service", "cart"),
            SeriesKey.of("http_requests_total", "code", "500", "service", "cart"));
    assertThat(r.rows()).containsAnyElementsOf(bundle.metrics());
  }
}

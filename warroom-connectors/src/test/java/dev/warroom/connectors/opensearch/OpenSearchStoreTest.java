package dev.warroom.connectors.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.connectors.HttpReader;
import dev.warroom.connectors.LiveBackends;
import dev.warroom.connectors.SourceConfig;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.model.TimeWindow;
import dev.warroom.store.LogCount;
import dev.warroom.store.LogCountQuery;
import dev.warroom.store.LogQuery;
import dev.warroom.store.SampleBundles;
import dev.warroom.store.SpanQuery;
import dev.warroom.store.TelemetryStore;
import dev.warroom.store.TelemetryStoreContract;
import dev.warroom.store.UnsupportedQueryException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Against a real OpenSearch node (the integ-test distribution) started for this class. */
class OpenSearchStoreTest {
  static final Instant T0 = SampleBundles.T0;
  static LiveBackends.OpenSearch os;

  @BeforeAll
  static void up() {
    os = LiveBackends.openSearch();
    os.loadLogs("sample", SampleBundles.incident().logs());
    // 20 000 records: 5 services, 2 levels, one every 180 ms over one hour
    List<LogRecord> many = new ArrayList<>();
    String[] services = {"a", "b", "c", "d", "e"};
    for (int i = 0; i < 20_000; i++) {
      many.add(
          LogRecord.of(
              T0.plusMillis(i * 180L),
              services[i % 5],
              i % 7 == 0 ? Severity.ERROR : Severity.INFO,
              "request " + i));
    }
    os.loadLogs("many", many);
  }

  @AfterAll
  static void down() {
    if (os != null) {
      os.close();
    }
  }

  private static OpenSearchStore store(String index) {
    return new OpenSearchStore(os.source("logs", index));
  }

  @Nested
  class Contract extends TelemetryStoreContract {
    @Override
    protected TelemetryStore storeWith(IncidentBundle bundle) {
      return store("sample"); // loaded once for the class: SampleBundles.incident() is fixed
    }

    private static final String LOGS_ONLY = "OpenSearch holds logs only (metrics: Prometheus)";

    @Test
    @Disabled(LOGS_ONLY)
    @Override
    protected void metricsSelectByNameAndLabelMatchers() {}

    @Test
    @Disabled(LOGS_ONLY)
    @Override
    protected void metricsRegexMatcherIsAnchoredAndNegationWorks() {}

    @Test
    @Disabled(LOGS_ONLY)
    @Override
    protected void metricsWindowKeepsOnlyPointsInsideIt() {}

    @Test
    @Disabled(LOGS_ONLY)
    @Override
    protected void metricsLimitTruncates() {}

    @Test
    @Disabled(LOGS_ONLY)
    @Override
    protected void rateIsThePerSecondIncreaseOfACounter() {}

    @Test
    @Disabled(LOGS_ONLY)
    @Override
    protected void maxAndQuantileFoldEachBucket() {}

    @Test
    @Disabled(LOGS_ONLY)
    @Override
    protected void metricNamesAreSorted() {}

    @Test
    @Disabled(LOGS_ONLY)
    @Override
    protected void seriesKeysSurviveWithAllLabels() {}

    @Test
    @Disabled("OpenSearch holds logs only (traces: Zipkin)")
    @Override
    protected void traceReturnsEverySpanOfOneTrace() {}

    @Test
    @Disabled("OpenSearch holds logs only (traces: Zipkin)")
    @Override
    protected void spansFilterByServiceStatusAndMinDuration() {}

    @Test
    @Disabled("OpenSearch holds logs only (traces: Zipkin)")
    @Override
    protected void spanAggregatesCountErrorsAndPercentiles() {}

    @Test
    @Disabled("OpenSearch holds logs only (events: Kubernetes)")
    @Override
    protected void eventsFilterByObjectReasonServiceAndWindow() {}

    @Test
    @Disabled("topology, alert, manifest and code are bundle documents, not in OpenSearch")
    @Override
    protected void documentsComeBackAsLoaded() {}

    @Test
    @Disabled("the summary of a logs-only source counts logs only; see summaryCountsLogsPerService")
    @Override
    protected void summaryCountsPerServiceAndTimeRange() {}
  }

  @Test
  void theDslShownIsTheDslSent() {
    OpenSearchStore s = store("sample");
    var logs =
        s.logs(
            LogQuery.all(new TimeWindow(T0, T0.plusSeconds(600)))
                .withServices("cart")
                .withMinSeverity(Severity.ERROR)
                .withContains("db timeout")
                .withRegex("after \\d+ ms"));
    assertThat(logs.rows()).hasSize(30);
    assertThat(logs.dialect()).isEqualTo("opensearch-dsl");
    List<HttpReader.Sent> searches =
        s.reader().sent().stream().filter(x -> x.pathAndQuery().equals("/sample/_search")).toList();
    assertThat(searches).hasSize(1);
    assertThat(searches.get(0).method()).isEqualTo("POST");
    assertThat(searches.get(0).body()).isEqualTo(logs.nativeQuery());
    assertThat(logs.nativeQuery())
        .contains("\"range\":{\"@timestamp\":{\"gte\":\"2024-05-01T12:00:00Z\"")
        .contains("\"terms\":{\"resource.service.name\":[\"cart\"]}")
        .contains("\"regexp\":{\"body\":{\"value\":\".*(after \\\\d+ ms).*\",\"flags\":\"NONE\"}}");

    var counts =
        s.logCounts(
            new LogCountQuery(
                LogQuery.all(null), Set.of(LogCountQuery.GroupBy.SERVICE), Duration.ofMinutes(5)));
    HttpReader.Sent last = s.reader().sent().get(s.reader().sent().size() - 1);
    assertThat(last.body()).isEqualTo(counts.nativeQuery());
    assertThat(counts.nativeQuery()).contains("\"size\":0").contains("\"composite\"");
    assertThat(counts.rows())
        .containsExactly(
            new LogCount(T0, "cart", null, 60),
            new LogCount(T0, "checkout", null, 60),
            new LogCount(T0.plusSeconds(300), "cart", null, 60),
            new LogCount(T0.plusSeconds(300), "checkout", null, 60));
  }

  @Test
  void logCountsAreAggregatedByTheBackendWithBoundedRows() {
    OpenSearchStore s = store("many");
    var r =
        s.logCounts(
            new LogCountQuery(
                LogQuery.all(null),
                EnumSet.allOf(LogCountQuery.GroupBy.class),
                Duration.ofMinutes(5)));
    // 12 buckets x 5 services x 2 levels: the rows are groups, never records
    assertThat(r.rows()).hasSize(120);
    assertThat(r.rows().stream().mapToLong(LogCount::count).sum()).isEqualTo(20_000);
    assertThat(r.truncated()).isFalse();
    assertThat(s.reader().sent())
        .filteredOn(x -> x.pathAndQuery().endsWith("/_search"))
        .singleElement()
        .satisfies(x -> assertThat(x.body()).contains("\"size\":0"));

    // a cap on groups bounds the rows and says the answer is cut
    var capped =
        new OpenSearchStore(withOption(os.source("logs", "many"), "maxGroups", "50"))
            .logCounts(
                new LogCountQuery(
                    LogQuery.all(null),
                    EnumSet.allOf(LogCountQuery.GroupBy.class),
                    Duration.ofMinutes(5)));
    assertThat(capped.rows()).hasSizeLessThanOrEqualTo(50);
    assertThat(capped.truncated()).isTrue();

    var total = s.logCounts(new LogCountQuery(LogQuery.all(null), Set.of(), null));
    assertThat(total.rows()).containsExactly(new LogCount(null, null, null, 20_000));
  }

  @Test
  void logsBeyondOnePagePageWithSearchAfter() {
    OpenSearchStore s = store("many");
    var r = s.logs(LogQuery.all(null).withLimit(15_000));
    assertThat(r.rows()).hasSize(15_000);
    assertThat(r.truncated()).isTrue();
    assertThat(r.rows().get(14_999).body()).isEqualTo("request 14999");
    assertThat(r.rows()).isSortedAccordingTo(java.util.Comparator.comparing(LogRecord::timestamp));
    List<HttpReader.Sent> pages =
        s.reader().sent().stream().filter(x -> x.pathAndQuery().equals("/many/_search")).toList();
    assertThat(pages).hasSize(2);
    assertThat(pages.get(0).body()).contains("\"size\":10000").doesNotContain("search_after");
    assertThat(pages.get(1).body()).contains("\"size\":5000").contains("\"search_after\":[");
    assertThat(r.nativeQuery()).isEqualTo(pages.get(0).body());
  }

  @Test
  void logsPageWithSearchAfterAndSayWhenCut() {
    OpenSearchStore s = store("sample");
    var r = s.logs(LogQuery.all(null).withLimit(239));
    assertThat(r.rows()).hasSize(239);
    assertThat(r.truncated()).isTrue();
    assertThat(r.rows()).isSortedAccordingTo(java.util.Comparator.comparing(LogRecord::timestamp));
    var all = s.logs(LogQuery.all(null).withLimit(240));
    assertThat(all.truncated()).isFalse();
  }

  @Test
  void messyDocumentsAreSkippedAndCountedNotFatal() {
    os.createLenientIndex("messy");
    os.loadDocuments(
        "messy",
        List.of(
            "{\"@timestamp\":\"2024-05-01T12:00:00Z\",\"resource\":{\"service\":{\"name\":\"api\"}},\"severity_text\":\"warning\",\"body\":\"ok one\"}",
            "{\"resource.service.name\":\"api\",\"@timestamp\":1714564801000,\"body\":42}",
            "{\"@timestamp\":\"yesterday\",\"resource\":{\"service\":{\"name\":\"api\"}},\"body\":\"bad time\"}",
            "{\"resource\":{\"service\":{\"name\":\"api\"}},\"body\":\"no time\"}",
            "{\"@timestamp\":\"2024-05-01T12:00:02Z\",\"body\":\"no service\"}",
            "{\"@timestamp\":\"2024-05-01T12:00:03Z\",\"resource\":{\"service\":{\"name\":\"api\"}},\"severity_text\":\"LOUD\"}"));
    OpenSearchStore s = store("messy");
    var r = s.logs(LogQuery.all(null));
    assertThat(r.rows())
        .containsExactly(
            new LogRecord(T0, "api", Severity.WARN, "ok one", Map.of(), null, null),
            new LogRecord(T0.plusSeconds(1), "api", Severity.INFO, "42", Map.of(), null, null));
    assertThat(s.skipped())
        .containsEntry("unparsable @timestamp", 1L)
        .containsEntry("no @timestamp", 1L)
        .containsEntry("no resource.service.name", 1L)
        .containsEntry("no body", 1L);
  }

  @Test
  void ecsDocumentsWithDynamicMappingUseTheKeywordSubFields() {
    // no explicit mapping: strings become text with a .keyword sub-field
    os.loadDocuments(
        "ecs-logs",
        List.of(
            "{\"@timestamp\":\"2024-05-01T12:00:00.250Z\",\"service\":{\"name\":\"payments\"},\"log\":{\"level\":\"ERROR\"},\"message\":\"Card declined: code=51\",\"trace\":{\"id\":\"abc\"},\"labels\":{\"region\":\"eu\"},\"kubernetes\":{\"pod\":{\"name\":\"payments-7f-x\"}}}",
            "{\"@timestamp\":\"2024-05-01T12:00:01Z\",\"service\":{\"name\":\"payments\"},\"log\":{\"level\":\"info\"},\"message\":\"card accepted\"}",
            "{\"@timestamp\":\"2024-05-01T12:00:02Z\",\"service\":{\"name\":\"Payments-EU\"},\"log\":{\"level\":\"error\"},\"message\":\"Card declined: code=05\"}"));
    SourceConfig ecs =
        withOption(withOption(os.source("logs", "ecs-logs"), "schema", "ecs"), "index", "ecs-logs");
    OpenSearchStore s = new OpenSearchStore(ecs);
    var r =
        s.logs(
            LogQuery.all(null)
                .withServices("payments")
                .withMinSeverity(Severity.ERROR)
                .withContains("Card declined")
                .withRegex("code=[0-9]{2}$"));
    assertThat(r.rows())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.timestamp()).isEqualTo(T0.plusMillis(250));
              assertThat(l.traceId()).isEqualTo("abc");
              assertThat(l.attributes()).containsEntry("region", "eu");
            });
    assertThat(r.nativeQuery()).contains("service.name.keyword").contains("message.keyword");
    // the sources file's pod label names a field outside the attributes object
    SourceConfig withPod =
        new SourceConfig(
            ecs.name(),
            ecs.type(),
            ecs.url(),
            ecs.auth(),
            ecs.tls(),
            ecs.timeout(),
            ecs.ratePerSecond(),
            ecs.queryBudget(),
            ecs.retries(),
            Map.of("service", "service", "pod", "kubernetes.pod.name"),
            ecs.options());
    var byPod =
        new OpenSearchStore(withPod)
            .logs(LogQuery.all(null).withAttributes(Map.of("pod", "payments-7f-x")));
    assertThat(byPod.rows())
        .singleElement()
        .satisfies(l -> assertThat(l.attribute("pod")).isEqualTo("payments-7f-x"));
    assertThat(byPod.nativeQuery())
        .contains("{\"term\":{\"kubernetes.pod.name.keyword\":\"payments-7f-x\"}}");
    var bySeverity =
        s.logCounts(
            new LogCountQuery(LogQuery.all(null), Set.of(LogCountQuery.GroupBy.SEVERITY), null));
    // "ERROR" and "error" are one level; the fold happens on the two buckets, not on records
    assertThat(bySeverity.rows())
        .containsExactly(
            new LogCount(null, null, Severity.INFO, 1),
            new LogCount(null, null, Severity.ERROR, 2));
  }

  @Test
  void summaryCountsLogsPerService() {
    var s = store("sample").summary();
    assertThat(s.logRecords()).isEqualTo(240);
    assertThat(s.services())
        .extracting(x -> x.service() + "=" + x.logRecords())
        .containsExactly("cart=120", "checkout=120");
    assertThat(s.timeRange().start()).isEqualTo(T0);
    assertThat(s.timeRange().end()).isEqualTo(T0.plusMillis(595_001));
  }

  @Test
  void otherKindsAreUnsupportedAndCheckNamesAMissingIndex() {
    assertThatThrownBy(() -> store("sample").spans(SpanQuery.all(null)))
        .isInstanceOf(UnsupportedQueryException.class)
        .hasMessageContaining("source logs (opensearch)");
    assertThatThrownBy(() -> store("nothing-here-*").check())
        .hasMessageContaining("no index matches 'nothing-here-*'");
  }

  @Test
  void aJavaOnlyRegexIsRefusedNotApproximated() {
    assertThatThrownBy(() -> store("sample").logs(LogQuery.all(null).withRegex("\\btimeout\\b")))
        .isInstanceOf(UnsupportedQueryException.class)
        .hasMessageContaining("\\b");
  }

  static SourceConfig withOption(SourceConfig c, String key, String value) {
    Map<String, Object> o = new HashMap<>(c.options());
    o.put(key, value);
    return new SourceConfig(
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
        o);
  }
}

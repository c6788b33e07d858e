package dev.warroom.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.connectors.opensearch.OpenSearchStore;
import dev.warroom.connectors.zipkin.ZipkinStore;
import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.model.Span;
import dev.warroom.model.SpanStatus;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.WarroomException;
import dev.warroom.store.LogCount;
import dev.warroom.store.LogCountQuery;
import dev.warroom.store.LogQuery;
import dev.warroom.store.SpanAggregate;
import dev.warroom.store.SpanAggregateQuery;
import dev.warroom.store.SpanQuery;
import dev.warroom.store.duckdb.DuckDbStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One gym episode loaded into a real OpenSearch and a real Zipkin and into the embedded DuckDB
 * store: the live connectors answer the engine's log and trace reads with the same rows as the
 * embedded store. Then each backend is stopped in the middle of the investigation: the store that
 * answered a moment ago fails with a {@link WarroomException} naming the source and the request
 * (which the engine lists under "Missing data"), not a hang or an HTTP client stack trace.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveStoreParityTest {
  static Episode episode;
  static IncidentBundle bundle;
  static TimeWindow window;
  static LiveBackends.OpenSearch os;
  static LiveBackends.Zipkin zipkin;
  static DuckDbStore embedded;
  static OpenSearchStore logs;
  static ZipkinStore traces;

  @BeforeAll
  static void up() {
    episode =
        new Gym().reset(11, Scenario.of(SystemCatalog.get("shop"), FaultType.NULL_DEREFERENCE));
    // The episode holds 45 minutes (200 000 log lines, 180 000 spans); four minutes around the
    // alert keep the load short: the lines in them and the traces that start in them.
    Instant alert = episode.alert().startsAt();
    window = new TimeWindow(alert.minus(Duration.ofMinutes(3)), alert.plus(Duration.ofMinutes(1)));
    IncidentBundle full = episode.bundle();
    Set<String> inWindow =
        full.spans().stream()
            .filter(s -> s.isRoot() && window.contains(s.start()))
            .map(Span::traceId)
            .collect(Collectors.toSet());
    bundle =
        new IncidentBundle(
            full.manifest(),
            full.alert(),
            List.of(),
            full.logs().stream().filter(l -> window.contains(l.timestamp())).toList(),
            full.spans().stream().filter(s -> inWindow.contains(s.traceId())).toList(),
            List.of(),
            full.topology(),
            List.of());
    embedded = DuckDbStore.inMemory();
    embedded.ingest(bundle);
    os = LiveBackends.openSearch();
    zipkin = LiveBackends.zipkin();
    LiveBackends.load(bundle, os, "gym-logs", zipkin);
    logs = new OpenSearchStore(os.source("logs", "gym-logs"));
    SourceConfig z = zipkin.source("traces");
    Map<String, Object> o = new HashMap<>(z.options());
    o.put("maxTraces", "100000"); // parity needs every trace, not the most recent 1000
    traces =
        new ZipkinStore(
            new SourceConfig(
                z.name(),
                z.type(),
                z.url(),
                z.auth(),
                z.tls(),
                z.timeout(),
                z.ratePerSecond(),
                z.queryBudget(),
                z.retries(),
                z.labels(),
                o),
            InstantSource.fixed(window.end().plus(Duration.ofHours(1))));
  }

  @AfterAll
  static void down() {
    if (os != null) {
      os.close();
    }
    if (zipkin != null) {
      zipkin.close();
    }
    if (embedded != null) {
      embedded.close();
    }
  }

  @Test
  @Order(1)
  void logCountsPerMinuteServiceAndLevelEqualTheEmbeddedStore() {
    LogCountQuery q =
        new LogCountQuery(
            LogQuery.all(window),
            EnumSet.allOf(LogCountQuery.GroupBy.class),
            Duration.ofMinutes(1));
    List<LogCount> live = logs.logCounts(q).rows();
    assertThat(live).hasSizeGreaterThan(10);
    assertThat(live).containsExactlyInAnyOrderElementsOf(embedded.logCounts(q).rows());
    assertThat(live.stream().mapToLong(LogCount::count).sum()).isEqualTo(bundle.logs().size());
  }

  @Test
  @Order(1)
  void errorLogsOfEachServiceEqualTheEmbeddedStore() {
    for (String service : services()) {
      LogQuery q = LogQuery.all(window).withServices(service).withMinSeverity(Severity.WARN);
      List<LogRecord> live = logs.logs(q).rows();
      assertThat(live).as(service).containsExactlyInAnyOrderElementsOf(embedded.logs(q).rows());
    }
  }

  @Test
  @Order(1)
  void spanCountsAndErrorsPerOperationEqualTheEmbeddedStore() {
    SpanAggregateQuery q = new SpanAggregateQuery(SpanQuery.all(window), null);
    var live = traces.spanAggregates(q);
    assertThat(live.truncated()).isFalse();
    // Zipkin lower-cases span names: compare operations without case
    assertThat(live.rows())
        .extracting(LiveStoreParityTest::countsOf)
        .containsExactlyInAnyOrderElementsOf(
            embedded.spanAggregates(q).rows().stream().map(LiveStoreParityTest::countsOf).toList());
    var errors = SpanQuery.all(window).withStatus(SpanStatus.ERROR);
    assertThat(traces.spans(errors).rows())
        .extracting(s -> s.traceId() + "/" + s.spanId())
        .containsExactlyInAnyOrderElementsOf(
            embedded.spans(errors).rows().stream()
                .map(s -> s.traceId() + "/" + s.spanId())
                .toList());
  }

  @Test
  @Order(9)
  void openSearchStoppedMidInvestigationFailsNamingTheSource() {
    assertThat(logs.logs(LogQuery.all(window).withLimit(1)).rows()).hasSize(1);
    os.close();
    assertThatThrownBy(
            () ->
                logs.logCounts(
                    new LogCountQuery(
                        LogQuery.all(window), Set.of(LogCountQuery.GroupBy.SERVICE), null)))
        .isInstanceOf(WarroomException.class)
        .hasMessageContaining("logs (opensearch) POST /gym-logs/_search");
  }

  @Test
  @Order(9)
  void zipkinStoppedMidInvestigationFailsNamingTheSource() {
    String someTrace = bundle.spans().get(0).traceId();
    assertThat(traces.trace(someTrace).rows()).isNotEmpty();
    zipkin.close();
    assertThatThrownBy(() -> traces.trace(someTrace))
        .isInstanceOf(WarroomException.class)
        .hasMessageContaining("traces (zipkin) GET /api/v2/trace/");
  }

  private static List<String> services() {
    return bundle.logs().stream().map(LogRecord::service).distinct().sorted().toList();
  }

  private static String countsOf(SpanAggregate a) {
    return a.service()
        + " "
        + a.operation().toLowerCase(Locale.ROOT)
        + " "
        + a.count()
        + " "
        + a.errors();
  }
}

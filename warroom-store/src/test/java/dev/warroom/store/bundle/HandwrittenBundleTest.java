package dev.warroom.store.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.AlertSource;
import dev.warroom.model.Deploy;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.Severity;
import dev.warroom.model.Span;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import dev.warroom.store.duckdb.DuckDbStore;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads a bundle written by hand in every public format (src/test/resources/bundles). */
class HandwrittenBundleTest {
  @TempDir Path tmp;

  static Path handwritten() {
    try {
      return Path.of(HandwrittenBundleTest.class.getResource("/bundles/handwritten").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MetricSeries series(IncidentBundle b, String name) {
    return b.metrics().stream()
        .filter(s -> s.key().toString().startsWith(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void readsEveryFormatWithExactCounts() {
    IncidentBundle b = BundleReader.read(handwritten());
    assertThat(b.metrics()).hasSize(14);
    assertThat(b.metrics().stream().mapToInt(MetricSeries::size).sum()).isEqualTo(24);
    assertThat(b.logs()).hasSize(8);
    assertThat(b.spans()).hasSize(5);
    assertThat(b.events()).hasSize(7);
    assertThat(b.topology().edges()).hasSize(2);
    assertThat(b.code())
        .singleElement()
        .satisfies(f -> assertThat(f.path()).isEqualTo("src/CartRepository.java"));
    assertThat(b.manifest().timeZone()).isEqualTo("Europe/Paris");
  }

  @Test
  void alertmanagerWebhookBecomesTheAlert() {
    var a = BundleReader.read(handwritten()).alert();
    assertThat(a.source()).isEqualTo(AlertSource.ALERTMANAGER);
    assertThat(a.title()).isEqualTo("cart 5xx ratio above 5%");
    assertThat(a.signal()).isEqualTo("error_rate");
    assertThat(a.service()).isEqualTo("cart");
    assertThat(a.severity()).isEqualTo("critical");
    assertThat(a.fingerprint()).isEqualTo("a1b2c3d4e5f60718");
    assertThat(a.endsAt()).isNull();
    assertThat(a.startsAt()).isEqualTo(Instant.parse("2024-05-01T12:05:30Z"));
  }

  @Test
  void metricFormatsKeepLabelsValuesAndTimes() {
    IncidentBundle b = BundleReader.read(handwritten());
    MetricSeries load = series(b, "node_load1");
    assertThat(load.valueAt(1)).isNaN();
    assertThat(load.valueAt(2)).isEqualTo(Double.POSITIVE_INFINITY);
    MetricSeries om = series(b, "http_requests_total");
    assertThat(om.key().label("path")).isEqualTo("/a \"quoted\" \\ path");
    assertThat(om.timestampAt(0)).isEqualTo(1714564800500L);
    assertThat(om.valueAt(1)).isEqualTo(9);
    MetricSeries wide = series(b, "latency_p99_seconds{service=\"checkout\"}");
    assertThat(wide.size()).isEqualTo(2);
    MetricSeries dbUp = series(b, "db_up");
    assertThat(dbUp.timestampAt(0)).isEqualTo(1714564980000L);
    assertThat(series(b, "jvm.memory.used").key())
        .isEqualTo(SeriesKey.of("jvm.memory.used", "pool", "heap", "service", "checkout"));
    assertThat(b.metrics())
        .extracting(s -> s.key().toString())
        .contains("http.server.duration_bucket{le=\"+Inf\",service=\"checkout\"}");
    MetricSeries inf =
        b.metrics().stream()
            .filter(
                s ->
                    s.key()
                        .toString()
                        .equals("http.server.duration_bucket{le=\"+Inf\",service=\"checkout\"}"))
            .findFirst()
            .orElseThrow();
    assertThat(inf.valueAt(0)).isEqualTo(6);
  }

  @Test
  void logFormatsDetectTimestampUnitsZonesAndContinuations() {
    List<LogRecord> logs = BundleReader.read(handwritten()).logs();
    assertThat(logs.get(0).timestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:01.123456789Z"));
    assertThat(logs.get(1).timestamp()).isEqualTo(Instant.parse("2024-05-01T12:05:05Z"));
    assertThat(logs.get(1).attributes()).containsEntry("retry", "2");
    assertThat(logs.get(2).timestamp()).isEqualTo(Instant.parse("2024-05-01T12:05:06.500Z"));
    assertThat(logs.get(2).severity()).isEqualTo(Severity.WARN);
    assertThat(logs.get(2).attributes()).containsEntry("thread", "http-3");
    assertThat(logs.get(3).service()).isEqualTo("app");
    assertThat(logs.get(3).timestamp()).isEqualTo(Instant.parse("2024-05-01T12:05:07Z"));
    LogRecord legacy =
        logs.stream()
            .filter(
                l ->
                    l.attributes().containsKey("thread")
                        && l.attributes().get("thread").equals("pool-2"))
            .findFirst()
            .orElseThrow();
    assertThat(legacy.timestamp()).isEqualTo(Instant.parse("2024-05-01T12:05:08.250Z"));
    assertThat(legacy.service()).isEqualTo("legacy");
    assertThat(legacy.body())
        .contains("SQLTimeoutException")
        .contains("\n\tat shop.CartService.get");
    LogRecord otlp =
        logs.stream()
            .filter(l -> l.body().equals("upstream cart returned 500"))
            .findFirst()
            .orElseThrow();
    assertThat(otlp.severity()).isEqualTo(Severity.ERROR);
    assertThat(otlp.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(otlp.attributes()).containsEntry("http.status_code", "500");
  }

  @Test
  void traceFormatsMapKindStatusAndEvents() {
    List<Span> spans = BundleReader.read(handwritten()).spans();
    Span server =
        spans.stream().filter(s -> s.spanId().equals("00f067aa0ba902b7")).findFirst().orElseThrow();
    assertThat(server.status()).isEqualTo(SpanStatus.ERROR);
    assertThat(server.attributes()).containsEntry("error", "db timeout");
    assertThat(server.duration()).isEqualTo(Duration.ofMillis(3012));
    Span client =
        spans.stream().filter(s -> s.spanId().equals("00f067aa0ba902b8")).findFirst().orElseThrow();
    assertThat(client.attributes()).doesNotContainKeys("error", "otel.status_code");
    assertThat(client.events()).hasSize(2);
    assertThat(client.events().get(0).attributes())
        .containsEntry("exception.type", "java.sql.SQLTimeoutException");
    Span health =
        spans.stream().filter(s -> s.operation().equals("health")).findFirst().orElseThrow();
    assertThat(health.kind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(health.status()).isEqualTo(SpanStatus.UNSET);
    Span otlp =
        spans.stream().filter(s -> s.spanId().equals("a0f067aa0ba902b7")).findFirst().orElseThrow();
    assertThat(otlp.isRoot()).isTrue();
    assertThat(otlp.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(otlp.status()).isEqualTo(SpanStatus.ERROR);
    assertThat(otlp.duration()).isEqualTo(Duration.ofMillis(3101));
    assertThat(otlp.events())
        .singleElement()
        .satisfies(e -> assertThat(e.attributes()).containsEntry("exception.message", "cart 500"));
  }

  @Test
  void eventFormatsGiveKubernetesEventsAndChanges() {
    var events = BundleReader.read(handwritten()).events();
    KubernetesEvent backoff =
        (KubernetesEvent)
            events.stream()
                .filter(e -> e instanceof KubernetesEvent k && k.reason().equals("BackOff"))
                .findFirst()
                .orElseThrow();
    assertThat(backoff.service()).isEqualTo("cart");
    assertThat(backoff.count()).isEqualTo(5);
    assertThat(backoff.host()).isEqualTo("node-1");
    KubernetesEvent scaled =
        (KubernetesEvent)
            events.stream()
                .filter(
                    e -> e instanceof KubernetesEvent k && k.reason().equals("ScalingReplicaSet"))
                .findFirst()
                .orElseThrow();
    assertThat(scaled.lastSeen()).isEqualTo(Instant.parse("2024-05-01T12:04:50.123456Z"));
    assertThat(scaled.service()).isEqualTo("cart");
    Deploy d = (Deploy) events.stream().filter(e -> e instanceof Deploy).findFirst().orElseThrow();
    assertThat(d.previousVersion()).isEqualTo("2.4.0");
    assertThat(d.attributes()).containsEntry("commit", "abc123");
  }

  @Test
  void importExportImportIsLosslessForEveryFormat() {
    IncidentBundle first = BundleReader.read(handwritten());
    BundleWriter.write(first, tmp.resolve("out"));
    IncidentBundle second = BundleReader.read(tmp.resolve("out"));
    assertSameContent(second, first);
  }

  @Test
  void importThroughTheStoreAndExportIsLossless() {
    IncidentBundle first = BundleReader.read(handwritten());
    IncidentBundle second;
    try (DuckDbStore store = DuckDbStore.inMemory()) {
      store.ingest(handwritten(), ProgressListener.NONE);
      BundleExporter.export(store, null, tmp.resolve("exported"));
    }
    second = BundleReader.read(tmp.resolve("exported"));
    assertSameContent(second, first);
  }

  static void assertSameContent(IncidentBundle actual, IncidentBundle expected) {
    assertThat(actual.alert()).isEqualTo(expected.alert());
    assertThat(actual.metrics()).containsExactlyInAnyOrderElementsOf(expected.metrics());
    Comparator<LogRecord> byTime =
        Comparator.comparing(LogRecord::timestamp).thenComparing(LogRecord::body);
    assertThat(actual.logs().stream().sorted(byTime).toList())
        .containsExactlyElementsOf(expected.logs().stream().sorted(byTime).toList());
    assertThat(actual.spans()).containsExactlyInAnyOrderElementsOf(expected.spans());
    assertThat(actual.events()).containsExactlyInAnyOrderElementsOf(expected.events());
    assertThat(actual.topology()).isEqualTo(expected.topology());
    assertThat(actual.code()).isEqualTo(expected.code());
  }
}

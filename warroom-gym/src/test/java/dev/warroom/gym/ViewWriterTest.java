package dev.warroom.gym;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.gym.View.Identity;
import dev.warroom.gym.View.LogLayout;
import dev.warroom.gym.View.Modalities;
import dev.warroom.gym.View.Naming;
import dev.warroom.gym.View.TraceFormat;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.Severity;
import dev.warroom.model.Span;
import dev.warroom.store.bundle.BundleReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each view dimension: the written bundle has the property, validates, and keeps the truth. */
class ViewWriterTest {
  private static Episode ep;
  @TempDir Path tmp;

  @BeforeAll
  static void episode() {
    ep = Episodes.run("shop", FaultType.MEMORY_LEAK, 21);
  }

  private static View base() {
    return View.full().withName("t");
  }

  private static View with(
      Duration history,
      Duration step,
      Naming naming,
      Identity identity,
      Modalities modalities,
      double sampling,
      TraceFormat traces,
      LogLayout logs,
      Duration delay,
      boolean entry) {
    return new View(
        "t", 7, history, step, naming, identity, modalities, sampling, traces, logs, delay, entry);
  }

  /** Writes the view, checks it validates and that the truth is the episode's but for the alert. */
  private IncidentBundle write(View v) throws Exception {
    Path dir = tmp.resolve("b");
    GroundTruth t = ViewWriter.write(ep, v, dir);
    assertThat(BundleReader.validate(dir)).as("problems of the written bundle").isEmpty();
    ObjectMapper m = new ObjectMapper();
    ObjectNode written = (ObjectNode) m.readTree(dir.resolve("truth.json").toFile());
    ObjectNode original = (ObjectNode) m.readTree(ep.truth().toJson());
    for (String f : List.of("alert_service", "alert_at")) {
      written.remove(f);
      original.remove(f);
    }
    assertThat(written).isEqualTo(original);
    assertThat(GroundTruth.read(dir)).isEqualTo(t);
    assertThat(Files.readString(dir.resolve("view.json"))).contains("\"naming\"");
    return BundleReader.read(dir);
  }

  private static Instant onset() {
    return ep.truth().onset();
  }

  @Test
  void resamplesEveryMetricToTheStepOverTheHistory() throws Exception {
    Duration history = Duration.ofMinutes(40);
    IncidentBundle b =
        write(
            with(
                history,
                Duration.ofMinutes(1),
                Naming.GYM,
                Identity.SERVICE,
                Modalities.ALL,
                1,
                TraceFormat.ZIPKIN,
                LogLayout.GYM_JSON,
                null,
                false));
    long start = onset().minus(history).toEpochMilli();
    for (MetricSeries s : b.metrics()) {
      long[] ts = s.timestampsMillis();
      assertThat(ts[0]).isGreaterThanOrEqualTo(start).isLessThan(start + 60_000);
      for (int i = 1; i < ts.length; i++) {
        assertThat(ts[i] - ts[i - 1]).isEqualTo(60_000);
      }
    }
    assertThat(b.logs()).allMatch(r -> !r.timestamp().isBefore(Instant.ofEpochMilli(start)));
    assertThat(b.manifest().window().start()).isAfterOrEqualTo(Instant.ofEpochMilli(start));
    // 40 minutes before onset, then the rest of the 20-minute window
    assertThat(b.metrics().get(0).size()).isBetween(41, 60);
  }

  @Test
  void aOneSecondStepInterpolatesBetweenSimulatedSamples() throws Exception {
    IncidentBundle b =
        write(
            with(
                Duration.ofMinutes(3),
                Duration.ofSeconds(1),
                Naming.GYM,
                Identity.SERVICE,
                Modalities.METRICS_ONLY,
                1,
                TraceFormat.ZIPKIN,
                LogLayout.GYM_JSON,
                null,
                false));
    long[] ts = b.metrics().get(0).timestampsMillis();
    assertThat(ts[1] - ts[0]).isEqualTo(1000);
    assertThat(ts[ts.length - 1] - ts[0]).isGreaterThanOrEqualTo(Duration.ofMinutes(11).toMillis());
  }

  @ParameterizedTest
  @EnumSource(Naming.class)
  void namesFollowTheConvention(Naming naming) throws Exception {
    IncidentBundle b =
        write(
            with(
                Duration.ofMinutes(30),
                Duration.ofSeconds(30),
                naming,
                Identity.SERVICE,
                Modalities.METRICS_ONLY,
                1,
                TraceFormat.ZIPKIN,
                LogLayout.GYM_JSON,
                null,
                false));
    Set<String> names = b.metrics().stream().map(s -> s.key().name()).collect(Collectors.toSet());
    assertThat(names).isNotEmpty();
    switch (naming) {
      case GYM ->
          assertThat(names)
              .contains("http_server_requests_seconds", "container_memory_working_set_bytes");
      case PROMETHEUS -> {
        assertThat(names)
            .contains(
                "container_cpu_usage_seconds_total",
                "http_requests_total",
                "kube_pod_container_status_restarts_total")
            .noneMatch(n -> n.endsWith("_per_second"));
        assertThat(series(b, "http_requests_total")).allSatisfy(ViewWriterTest::nonDecreasing);
      }
      case OPENTELEMETRY -> {
        assertThat(names).contains("http.server.request.duration", "k8s.pod.memory.working_set");
        assertThat(names).allMatch(n -> !n.contains("_") || n.contains("."));
        // the OTLP resource's service.name reads back as the service label
        assertThat(series(b, "http.server.request.duration"))
            .allMatch(s -> s.key().labels().containsKey("service"));
      }
      case MICROMETER -> {
        assertThat(names)
            .contains("http_server_requests_seconds", "jvm_memory_used_bytes", "process_cpu_usage");
        assertThat(series(b, "jvm_memory_used_bytes"))
            .allMatch(s -> "heap".equals(s.key().labels().get("area")));
        assertThat(series(b, "http_server_requests_seconds"))
            .anyMatch(s -> s.key().labels().containsKey("uri"));
      }
      case DATADOG -> {
        assertThat(names)
            .contains("kubernetes.cpu.usage.total", "kubernetes.memory.working_set")
            .anyMatch(n -> n.startsWith("trace.http.request.duration.p"));
        assertThat(series(b, "kubernetes.memory.working_set"))
            .allMatch(s -> s.key().labels().containsKey("pod_name"));
      }
      case PLAIN_CSV -> {
        assertThat(b.metrics()).allMatch(s -> s.key().labels().isEmpty());
        assertThat(names).contains("cart_cpu", "cart_mem", "redis_cart_mem", "frontend_rps");
      }
    }
  }

  private static List<MetricSeries> series(IncidentBundle b, String name) {
    List<MetricSeries> out = b.metrics().stream().filter(s -> s.key().name().equals(name)).toList();
    assertThat(out).as(name).isNotEmpty();
    return out;
  }

  private static void nonDecreasing(MetricSeries s) {
    for (int i = 1; i < s.size(); i++) {
      assertThat(s.valueAt(i)).isGreaterThanOrEqualTo(s.valueAt(i - 1));
    }
  }

  @ParameterizedTest
  @EnumSource(Identity.class)
  void theServiceIsNamedOnlyByTheIdentityLabel(Identity identity) throws Exception {
    IncidentBundle b =
        write(
            with(
                Duration.ofMinutes(20),
                Duration.ofMinutes(1),
                Naming.PROMETHEUS,
                identity,
                Modalities.METRICS_ONLY,
                1,
                TraceFormat.ZIPKIN,
                LogLayout.GYM_JSON,
                null,
                false));
    String label = ViewMetrics.identityLabel(identity, Naming.PROMETHEUS);
    List<SeriesKey> podSeries =
        b.metrics().stream()
            .map(MetricSeries::key)
            .filter(k -> k.labels().containsKey("pod"))
            .toList();
    assertThat(podSeries).isNotEmpty();
    if (identity == Identity.POD_ONLY) {
      assertThat(b.metrics())
          .allMatch(s -> !s.key().labels().containsKey("service"))
          .anyMatch(
              s -> s.key().labels().getOrDefault("pod", "").matches("cart-[a-z0-9]+-[a-z0-9]+"));
    } else {
      assertThat(podSeries).allMatch(k -> k.labels().containsKey(label));
      if (identity != Identity.SERVICE) {
        assertThat(b.metrics()).allMatch(s -> !s.key().labels().containsKey("service"));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Modalities.class)
  void holdsOnlyTheViewsModalities(Modalities mod) throws Exception {
    IncidentBundle b =
        write(
            with(
                null,
                null,
                Naming.GYM,
                Identity.SERVICE,
                mod,
                1,
                TraceFormat.ZIPKIN,
                LogLayout.GYM_JSON,
                null,
                false));
    assertThat(b.metrics()).isNotEmpty();
    assertThat(b.logs().isEmpty())
        .isEqualTo(mod == Modalities.NO_LOGS || mod == Modalities.METRICS_ONLY);
    assertThat(b.spans().isEmpty())
        .isEqualTo(mod == Modalities.NO_TRACES || mod == Modalities.METRICS_ONLY);
    assertThat(b.events().isEmpty())
        .isEqualTo(
            mod == Modalities.NO_EVENTS
                || mod == Modalities.METRICS_ONLY
                || mod == Modalities.TELEMETRY_ONLY);
    assertThat(b.topology().isEmpty() && b.code().isEmpty())
        .isEqualTo(mod == Modalities.METRICS_ONLY || mod == Modalities.TELEMETRY_ONLY);
  }

  @Test
  void samplesWholeTraces() throws Exception {
    IncidentBundle b =
        write(
            with(
                null,
                null,
                Naming.GYM,
                Identity.SERVICE,
                Modalities.ALL,
                0.1,
                TraceFormat.ZIPKIN_NO_KIND,
                LogLayout.GYM_JSON,
                null,
                false));
    Map<String, Long> all =
        ep.bundle().spans().stream()
            .collect(Collectors.groupingBy(Span::traceId, Collectors.counting()));
    Map<String, Long> kept =
        b.spans().stream().collect(Collectors.groupingBy(Span::traceId, Collectors.counting()));
    assertThat(kept.size()).isBetween(all.size() / 20, all.size() * 3 / 20);
    kept.forEach((id, n) -> assertThat(n).as(id).isEqualTo(all.get(id)));
    assertThat(Files.readString(tmp.resolve("b/traces/traces.json"))).doesNotContain("\"kind\"");
  }

  @ParameterizedTest
  @EnumSource(LogLayout.class)
  void logsReadBackInEveryLayout(LogLayout layout) throws Exception {
    IncidentBundle b =
        write(
            with(
                null,
                null,
                Naming.GYM,
                Identity.SERVICE,
                Modalities.ALL,
                1,
                TraceFormat.ZIPKIN,
                layout,
                null,
                false));
    List<LogRecord> orig = ep.bundle().logs();
    assertThat(b.logs()).hasSameSizeAs(orig);
    long errors = orig.stream().filter(r -> r.severity().atLeast(Severity.ERROR)).count();
    long got = b.logs().stream().filter(r -> r.severity().atLeast(Severity.ERROR)).count();
    assertThat(errors).isPositive();
    switch (layout) {
      // Without a level field the reader infers the level from the text (error words, exception
      // names): some errors are found again, never more than there were.
      case NO_LEVEL -> assertThat(got).isPositive().isLessThanOrEqualTo(errors);
      // The application's own JSON record inside the shipper's is read as the record.
      case JSON_IN_JSON -> {
        assertThat(got).isEqualTo(errors);
        assertThat(b.logs()).noneMatch(r -> r.body().startsWith("{\"level\":"));
      }
      default -> assertThat(got).isEqualTo(errors);
    }
    assertThat(b.logs().stream().map(LogRecord::service).collect(Collectors.toSet()))
        .isEqualTo(orig.stream().map(LogRecord::service).collect(Collectors.toSet()));
    if (layout == LogLayout.PLAIN_PATTERN) {
      assertThat(b.manifest().formats()).containsKey("logs/cart.log");
    }
  }

  @Test
  void theAlertStartsAtOnsetPlusTheDelayOnTheEntryService() throws Exception {
    Duration delay = Duration.ofSeconds(-90);
    IncidentBundle b =
        write(
            with(
                null,
                null,
                Naming.GYM,
                Identity.SERVICE,
                Modalities.ALL,
                1,
                TraceFormat.ZIPKIN,
                LogLayout.GYM_JSON,
                delay,
                true));
    assertThat(b.alert().startsAt()).isEqualTo(onset().plus(delay));
    assertThat(b.alert().service()).isEqualTo("frontend");
    GroundTruth t = GroundTruth.read(tmp.resolve("b"));
    assertThat(t.alertAt()).isEqualTo(onset().plus(delay));
    assertThat(t.alertService()).isEqualTo("frontend");
  }

  @Test
  void theFullViewKeepsTheAlertAndEveryRecord() throws Exception {
    IncidentBundle b = write(base());
    assertThat(b.alert()).isEqualTo(ep.alert());
    assertThat(b.logs()).hasSameSizeAs(ep.bundle().logs());
    assertThat(b.spans()).hasSameSizeAs(ep.bundle().spans());
    assertThat(b.metrics()).hasSameSizeAs(ep.bundle().metrics());
  }

  @Test
  void drawnViewsStayInRangeAndDependOnlyOnTheSeed() {
    for (long s = 0; s < 300; s++) {
      View v = View.draw("v", s);
      assertThat(View.draw("v", s)).isEqualTo(v);
      if (v.step() != null) {
        assertThat(v.history()).isBetween(Duration.ofMinutes(2), Duration.ofDays(4));
      }
      if (v.alertDelay() != null) {
        assertThat(v.alertDelay()).isBetween(Duration.ofMinutes(-2), Duration.ofMinutes(10));
      }
      assertThat(v.traceSampling()).isBetween(0.01, 1.0);
    }
    Set<String> namings =
        java.util.stream.LongStream.range(0, 300)
            .mapToObj(s -> View.draw("v", s).naming().name())
            .collect(Collectors.toSet());
    assertThat(namings).hasSize(Naming.values().length);
  }
}

package dev.warroom.connectors.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.connectors.HttpReader;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.TimeWindow;
import dev.warroom.store.Aggregation;
import dev.warroom.store.LabelMatcher;
import dev.warroom.store.MetricAggregationQuery;
import dev.warroom.store.MetricQuery;
import dev.warroom.store.QueryResult;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aggregations run in Prometheus, not here: over 1,000 counter series (20 services × 50 pods, one
 * hour at 15 s) and a latency histogram, each aggregate read returns one series per group with one
 * point per step, and the PromQL each result shows is byte for byte what was sent.
 */
class PrometheusPushdownTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final int SERVICES = 20;
  static final int PODS = 50;
  static final int STEPS = 240; // one hour at 15 s
  static final TimeWindow HOUR = new TimeWindow(T0, T0.plusSeconds(3600));
  static final String ODD = "/a\"b\\c\nd é";

  @TempDir static Path dir;
  static LocalPrometheus server;

  @BeforeAll
  static void start() {
    PrometheusBinaries.require();
    List<MetricSeries> all = new ArrayList<>();
    for (int s = 0; s < SERVICES; s++) {
      for (int p = 0; p < PODS; p++) {
        long[] ts = new long[STEPS];
        double[] vs = new double[STEPS];
        for (int i = 0; i < STEPS; i++) {
          ts[i] = T0.toEpochMilli() + i * 15_000L;
          vs[i] = i * (s + 1) * 15.0; // rate (s + 1)/s per pod
        }
        all.add(
            new MetricSeries(
                SeriesKey.of(
                    "http_requests_total", "service", "svc" + s, "pod", "svc" + s + "-" + p),
                ts,
                vs));
      }
      // a classic histogram: all requests of service s fall in le=0.5 (half) and le=1 (the rest)
      for (String le : List.of("0.1", "0.5", "1", "+Inf")) {
        long[] ts = new long[STEPS];
        double[] vs = new double[STEPS];
        double share =
            switch (le) {
              case "0.1" -> 0;
              case "0.5" -> 0.5;
              default -> 1;
            };
        for (int i = 0; i < STEPS; i++) {
          ts[i] = T0.toEpochMilli() + i * 15_000L;
          vs[i] = i * 100.0 * share;
        }
        all.add(
            new MetricSeries(
                SeriesKey.of("latency_seconds_bucket", "service", "svc" + s, "le", le), ts, vs));
      }
    }
    all.add(
        new MetricSeries(
            SeriesKey.of("odd_labels", "path", ODD),
            new long[] {T0.toEpochMilli()},
            new double[] {Double.NaN}));
    server = LocalPrometheus.start(all, dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static PrometheusStore store() {
    var src = PrometheusBinaries.source(server.url(), null, null);
    return new PrometheusStore(src, new HttpReader(src), InstantSource.fixed(T0.plusSeconds(7200)));
  }

  @Test
  void aggregatesReturnOneSeriesPerGroupAndOnePointPerStep() {
    try (PrometheusStore store = store()) {
      MetricQuery sel = MetricQuery.of("http_requests_total", HOUR);
      QueryResult<MetricSeries> raw = store.metrics(sel);
      assertThat(raw.rows()).hasSize(SERVICES * PODS);
      long rawPoints = raw.rows().stream().mapToLong(MetricSeries::size).sum();
      assertThat(rawPoints).isEqualTo((long) SERVICES * PODS * STEPS);

      var rate =
          store.aggregate(
              MetricAggregationQuery.of(sel, Duration.ofMinutes(1), Aggregation.RATE, "service"));
      assertThat(rate.rows()).hasSize(SERVICES);
      assertThat(rate.rows()).allSatisfy(s -> assertThat(s.size()).isLessThanOrEqualTo(60));
      long aggPoints = rate.rows().stream().mapToLong(MetricSeries::size).sum();
      assertThat(aggPoints).isLessThanOrEqualTo(SERVICES * 60L);
      // 50 pods of svc3 each counting 4/s: the sum is 200/s in every full bucket
      MetricSeries svc3 =
          rate.rows().stream()
              .filter(s -> s.key().label("service").equals("svc3"))
              .findFirst()
              .orElseThrow();
      assertThat(svc3.valueAt(10)).isCloseTo(200.0, org.assertj.core.data.Offset.offset(1e-6));
      System.out.printf(
          "rows bound: raw read %d series / %d points; sum by (service)(rate) %d series / %d"
              + " points (%.0fx fewer points)%n",
          raw.size(), rawPoints, rate.size(), aggPoints, (double) rawPoints / aggPoints);

      var max =
          store.aggregate(MetricAggregationQuery.of(sel, Duration.ofMinutes(5), Aggregation.MAX));
      assertThat(max.rows()).singleElement().satisfies(s -> assertThat(s.size()).isEqualTo(12));

      var top3 =
          store.aggregate(
              MetricAggregationQuery.of(
                  new MetricQuery("http_requests_total", List.of(), null, HOUR, 3),
                  Duration.ofMinutes(5),
                  Aggregation.RATE,
                  "service"));
      assertThat(top3.rows())
          .extracting(s -> s.key().label("service"))
          .containsExactlyInAnyOrder("svc17", "svc18", "svc19");
      assertThat(top3.nativeQuery()).startsWith("topk(3, sum by (service) (rate(");
    }
  }

  @Test
  void quantilesOfAClassicHistogramUseHistogramQuantile() {
    try (PrometheusStore store = store()) {
      var p90 =
          store.aggregate(
              MetricAggregationQuery.quantile(
                  MetricQuery.of("latency_seconds_bucket", HOUR).withService("svc0"),
                  Duration.ofMinutes(5),
                  0.9,
                  "service"));
      assertThat(p90.nativeQuery())
          .startsWith(
              "histogram_quantile(0.9, sum by (service, le) (rate(latency_seconds_bucket{service=\"svc0\"}[300000ms])))");
      // half the requests at or below 0.5 s, the other half in (0.5, 1]: p90 interpolates to 0.9
      assertThat(p90.rows())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.size()).isEqualTo(12);
                assertThat(s.valueAt(5)).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
              });
    }
  }

  @Test
  void nativeQueriesAreExactlyTheRequestsSent() {
    try (PrometheusStore store = store()) {
      List<String> shown = new ArrayList<>();
      shown.add(
          store
              .metrics(MetricQuery.of("http_requests_total", HOUR).withService("svc1"))
              .nativeQuery());
      shown.add(
          store
              .aggregate(
                  MetricAggregationQuery.of(
                      MetricQuery.of(null, HOUR)
                          .withMatchers(List.of(LabelMatcher.regex("service", "svc1[0-2]"))),
                      Duration.ofSeconds(30),
                      Aggregation.AVG,
                      "service"))
              .nativeQuery());
      shown.add(
          store
              .metrics(
                  MetricQuery.of("odd_labels", HOUR)
                      .withMatchers(List.of(LabelMatcher.eq("path", ODD))))
              .nativeQuery());
      List<String> sent = new ArrayList<>();
      for (HttpReader.Sent s : store.http().sent()) {
        if (s.pathAndQuery().contains("query=")) {
          sent.add(asNative(s.pathAndQuery()));
        }
      }
      assertThat(sent).containsExactlyElementsOf(shown);
    }
  }

  @Test
  void labelValuesWithQuotesBackslashesAndNewlinesRoundTrip() {
    try (PrometheusStore store = store()) {
      var r =
          store.metrics(
              MetricQuery.of("odd_labels", HOUR)
                  .withMatchers(List.of(LabelMatcher.eq("path", ODD))));
      assertThat(r.rows())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.key().label("path")).isEqualTo(ODD);
                assertThat(s.valueAt(0)).isNaN();
              });
      assertThat(r.nativeQuery()).startsWith("odd_labels{path=\"/a\\\"b\\\\c\\nd é\"}[");
    }
  }

  /** A sent request as the connector writes native queries (PromQL, then path and parameters). */
  private static String asNative(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    StringBuilder rest = new StringBuilder("# GET ").append(pathAndQuery, 0, q);
    String promql = null;
    for (String p : pathAndQuery.substring(q + 1).split("&")) {
      String k = URLDecoder.decode(p.substring(0, p.indexOf('=')), StandardCharsets.UTF_8);
      String v = URLDecoder.decode(p.substring(p.indexOf('=') + 1), StandardCharsets.UTF_8);
      if (k.equals("query")) {
        promql = v;
      } else {
        rest.append(' ').append(k).append('=').append(v);
      }
    }
    return promql + "\n" + rest;
  }

  @Test
  void aggregationsOverMoreThanElevenThousandStepsAreSplit() {
    try (PrometheusStore store = store()) {
      // 1 s steps over 4 hours: 14,400 steps, two requests
      TimeWindow four = new TimeWindow(T0.minusSeconds(3 * 3600), T0.plusSeconds(3600));
      var r =
          store.aggregate(
              MetricAggregationQuery.of(
                  MetricQuery.of("http_requests_total", four).withService("svc0"),
                  Duration.ofSeconds(1),
                  Aggregation.COUNT));
      assertThat(r.nativeQuery().lines().filter(l -> l.startsWith("# GET")).count()).isEqualTo(2);
      assertThat(r.rows()).singleElement();
      assertThat(r.rows().get(0).timestampAt(0)).isGreaterThanOrEqualTo(T0.toEpochMilli());
      assertThat(Map.of("points", r.rows().get(0).size())).containsEntry("points", STEPS);
    }
  }
}

package dev.warroom.connectors.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.WarroomException;
import dev.warroom.store.LabelMatcher;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PromQL text and API JSON without a server (the live tests run them against Prometheus). */
class PromQlTest {
  @Test
  void stringLiteralsEscapeAsGoDoes() {
    assertThat(PromQl.quote("a\"b\\c\nd\te\u0001é")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\x01é\"");
  }

  @Test
  void regexMatchersAreSentAsWrittenForPrometheusToAnchor() {
    assertThat(PromQl.matcher("code", LabelMatcher.Op.RE, "5\\d\\d"))
        .isEqualTo("code=~\"5\\\\d\\\\d\"");
  }

  @Test
  void aSelectorWithoutANameGetsAMatcherThatCannotMatchEmpty() {
    assertThat(PromQl.selector(null, List.of("code!=\"500\"")))
        .isEqualTo("{__name__=~\".+\",code!=\"500\"}");
    assertThat(PromQl.selector("up", List.of())).isEqualTo("up");
  }

  @Test
  void namesPrometheusCannotHoldAreRefusedNamingThem() {
    assertThatThrownBy(() -> PromQl.selector("latency.p99", List.of()))
        .hasMessage("'latency.p99' is not a Prometheus metric name");
    assertThatThrownBy(() -> PromQl.labelName("k8s.pod.name"))
        .hasMessageContaining("'k8s.pod.name' is not a Prometheus label name");
  }

  @Test
  void timesAreUnixSecondsWithMilliseconds() {
    assertThat(PromQl.seconds(1_714_564_800_015L)).isEqualTo("1714564800.015");
    assertThat(PromQl.duration(60_000)).isEqualTo("60000ms");
  }

  @Test
  void matrixAndVectorResultsReadSpecialValuesAndExactTimes() {
    String body =
        """
        {"status":"success","data":{"resultType":"matrix","result":[
          {"metric":{"__name__":"x","a":"1"},"values":[[1714564800.015,"NaN"],[1714564815,"+Inf"],[1714564830,"-Inf"],[1714564845,"1.5e-3"]]}]}}
        """;
    var s = PromJson.series(body, "t").get(0);
    assertThat(s.labels()).containsEntry("__name__", "x").containsEntry("a", "1");
    assertThat(s.timestampsMillis())
        .containsExactly(1714564800015L, 1714564815000L, 1714564830000L, 1714564845000L);
    assertThat(s.values()[0]).isNaN();
    assertThat(s.values()[1]).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(s.values()[2]).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(s.values()[3]).isEqualTo(0.0015);
    String vector =
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1714564800,\"2\"]}]}}";
    assertThat(PromJson.series(vector, "t").get(0).values()).containsExactly(2.0);
  }

  @Test
  void anErrorEnvelopeIsAFailureNamingWhere() {
    assertThatThrownBy(
            () ->
                PromJson.series(
                    "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}",
                    "prom (prometheus) /api/v1/query"))
        .isInstanceOf(WarroomException.class)
        .hasMessageContaining("prom (prometheus) /api/v1/query")
        .hasMessageContaining("parse error");
  }

  @Test
  void labelNamesPrometheusCannotHoldAreAConfigErrorOrAnUnanswerableRead() {
    var bad =
        new dev.warroom.connectors.SourceConfig(
            "prom",
            dev.warroom.connectors.SourceConfig.Type.PROMETHEUS,
            java.net.URI.create("http://127.0.0.1:9"),
            null,
            null,
            null,
            10,
            10,
            0,
            java.util.Map.of("pod", "k8s.pod.name"),
            null);
    assertThatThrownBy(() -> new PrometheusStore(bad))
        .isInstanceOf(dev.warroom.model.InvalidInputException.class)
        .hasMessageContaining("source prom: labels.pod: 'k8s.pod.name' is not a Prometheus label");
    var ok =
        new dev.warroom.connectors.SourceConfig(
            "prom",
            dev.warroom.connectors.SourceConfig.Type.PROMETHEUS,
            java.net.URI.create("http://127.0.0.1:9"),
            null,
            null,
            null,
            10,
            10,
            0,
            null,
            null);
    try (PrometheusStore store = new PrometheusStore(ok)) {
      assertThatThrownBy(
              () ->
                  store.metrics(
                      dev.warroom.store.MetricQuery.of("x", null)
                          .withMatchers(List.of(LabelMatcher.eq("host.name", "a")))))
          .isInstanceOf(dev.warroom.store.UnsupportedQueryException.class)
          .hasMessageContaining("prom (prometheus) cannot select");
      assertThat(store.http().sent()).isEmpty();
    }
  }
}

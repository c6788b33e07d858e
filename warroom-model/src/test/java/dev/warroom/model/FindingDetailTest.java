package dev.warroom.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingDetailTest {
  private static final Instant T = Instant.parse("2026-03-10T06:48:31Z");

  @Test
  void aFindingMadeTheOldWayHasNoTypedDetail() {
    Finding f = new Finding("logs", "cart", "cart", null, "cart: 3 errors", 0.5, T, List.of());

    assertThat(f.detail()).isEqualTo(FindingDetail.none());
    assertThat(f.detail().kind()).isEqualTo("none");
  }

  @Test
  void rewordingKeepsTheFacts() {
    var detail = new FindingDetail.KubernetesReason("OOMKilled", "cart-1", 3);
    Finding f =
        new Finding(
            "kubernetes_analysis",
            "cart",
            "cart",
            FaultClass.MEMORY_EXHAUSTION,
            "cart: OOMKilled x3",
            0.7,
            T,
            List.of(),
            detail);

    Finding g = f.withSummary("the cart pod ran out of memory three times");

    assertThat(g.detail()).isSameAs(detail);
    assertThat(g).isNotEqualTo(f);
    assertThat(g.withSummary(f.summary())).isEqualTo(f);
  }

  @Test
  void kindsAreTheRecordNamesInSnakeCase() {
    assertThat(new FindingDetail.LogCategoryRise("timeout", "WARN", 5, 0.5, null).kind())
        .isEqualTo("log_category_rise");
    assertThat(FindingDetail.kindOf(FindingDetail.ServiceLatencyShift.class))
        .isEqualTo("service_latency_shift");
    assertThat(
            FindingDetail.ChangeEvent.of(
                    new FeatureFlagChange(T, "cart", "new-cart", true, "dev", Map.of()),
                    0.4,
                    "2 min before")
                .change())
        .isEqualTo("feature_flag_change");
  }

  @Test
  void detailsCopyTheirCollections() {
    var types = new java.util.HashMap<String, Integer>(Map.of("timeout", 3));
    var e = new FindingDetail.EdgeFailure("a", "b", 3, 0, "timeout", types, 1, 2);
    types.put("dns", 1);

    assertThat(e.errorTypes()).containsOnlyKeys("timeout");
    assertThatThrownBy(() -> new FindingDetail.MetricShift(" ", null, null, null, 1, 0, 1))
        .hasMessageContaining("series");
  }
}

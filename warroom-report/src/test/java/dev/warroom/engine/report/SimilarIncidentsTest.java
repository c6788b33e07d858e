package dev.warroom.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarIncidentsTest {
  private static final ObjectMapper M = new ObjectMapper();

  /** A report of warroom's JSON form: a top candidate and findings {service, class, detail}. */
  private static ObjectNode report(String id, String top, String cls, String[]... findings) {
    ObjectNode r = M.createObjectNode();
    r.put("incidentId", id);
    r.put("verdict", "root_cause_found");
    ObjectNode c = r.putArray("candidates").addObject();
    c.put("service", top);
    c.put("faultClass", cls);
    c.put("score", 0.9);
    ArrayNode fs = r.putArray("findings");
    for (String[] f : findings) {
      ObjectNode n = fs.addObject();
      n.put("service", f[0]);
      n.put("faultClass", f[1]);
      n.put("score", Double.parseDouble(f[2]));
      ObjectNode d = n.putObject("detail");
      d.put("kind", f[3]);
      if (f.length > 4) {
        d.put(f[3].equals("metric_shift") ? "signal" : "template", f[4]);
      }
    }
    return r;
  }

  // the corpus: two past pool exhaustions of payments, a cart memory leak, a DNS failure
  private static final ObjectNode POOL_1 =
      report(
          "inc-pool-1",
          "payments",
          "connection_pool_exhaustion",
          new String[] {
            "payments",
            "connection_pool_exhaustion",
            "0.9",
            "log_template_shift",
            "Timeout waiting for connection from pool"
          },
          new String[] {"checkout", "dependency_failure", "0.5", "edge_failure"});
  private static final ObjectNode POOL_2 =
      report(
          "inc-pool-2",
          "payments",
          "connection_pool_exhaustion",
          new String[] {
            "payments", "connection_pool_exhaustion", "0.7", "metric_shift", "db_pool_active"
          });
  private static final ObjectNode LEAK =
      report(
          "inc-leak",
          "cart",
          "memory_exhaustion",
          new String[] {"cart", "memory_exhaustion", "0.9", "metric_shift", "memory_rss"},
          new String[] {"cart", "memory_exhaustion", "0.6", "kubernetes_reason"});
  private static final ObjectNode DNS =
      report(
          "inc-dns",
          "edge-proxy",
          "dns_failure",
          new String[] {"edge-proxy", "dns_failure", "0.8", "log_category_rise"});

  private static List<SimilarIncidents.Past> history() {
    return List.of(
        new SimilarIncidents.Past("inc-pool-1", POOL_1, List.of("confirmed")),
        new SimilarIncidents.Past("inc-pool-2", POOL_2, List.of()),
        new SimilarIncidents.Past("inc-leak", LEAK, List.of("wrong: true root cause cart-db")),
        new SimilarIncidents.Past("inc-dns", DNS, List.of()));
  }

  @Test
  void aNewPoolExhaustionFindsThePastOnesFirstAndNotTheUnrelated() {
    ObjectNode now =
        report(
            "inc-new",
            "payments",
            "connection_pool_exhaustion",
            new String[] {
              "payments",
              "connection_pool_exhaustion",
              "0.8",
              "log_template_shift",
              "Timeout waiting for connection from pool"
            },
            new String[] {"checkout", "dependency_failure", "0.4", "edge_failure"});
    List<SimilarIncidents.Match> m = SimilarIncidents.rank(now, history(), 5);
    assertThat(m)
        .extracting(SimilarIncidents.Match::incidentId)
        .containsExactly("inc-pool-1", "inc-pool-2");
    assertThat(m.get(0).similarity()).isGreaterThan(0.8);
    assertThat(m.get(0).feedback()).containsExactly("confirmed");
    assertThat(m.get(0).topCause()).isEqualTo("payments (connection_pool_exhaustion)");
    assertThat(m.get(0).shared())
        .contains(
            "svc:payments",
            "class:connection_pool_exhaustion",
            "log:Timeout waiting for connection from pool");
  }

  @Test
  void aMemoryLeakFindsTheLeakWithItsCorrection() {
    ObjectNode now =
        report(
            "inc-new2",
            "cart",
            "memory_exhaustion",
            new String[] {"cart", "memory_exhaustion", "0.8", "metric_shift", "memory_rss"});
    List<SimilarIncidents.Match> m = SimilarIncidents.rank(now, history(), 1);
    assertThat(m).hasSize(1);
    assertThat(m.get(0).incidentId()).isEqualTo("inc-leak");
    assertThat(m.get(0).feedback()).containsExactly("wrong: true root cause cart-db");
  }

  @Test
  void similarityIsWeightedJaccard() {
    IncidentFingerprint a = new IncidentFingerprint(java.util.Map.of("svc:x", 1.0, "class:y", 0.5));
    IncidentFingerprint b = new IncidentFingerprint(java.util.Map.of("svc:x", 0.5, "kind:z", 0.5));
    // min: 0.5 (svc:x); max: 1 + 0.5 + 0.5
    assertThat(a.similarity(b)).isCloseTo(0.25, within(1e-9));
    assertThat(a.similarity(a)).isEqualTo(1.0);
    assertThat(a.similarity(new IncidentFingerprint(java.util.Map.of()))).isZero();
  }

  @Test
  void anIncidentIsNeverSimilarToItself() {
    assertThat(SimilarIncidents.rank(POOL_1, history(), 5))
        .extracting(SimilarIncidents.Match::incidentId)
        .doesNotContain("inc-pool-1")
        .startsWith("inc-pool-2");
  }
}

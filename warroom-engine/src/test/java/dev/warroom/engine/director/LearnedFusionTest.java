package dev.warroom.engine.director;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.engine.actors.ScanDigest;
import dev.warroom.model.ComponentKind;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import dev.warroom.model.Instance;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.Topology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearnedFusionTest {
  private static final Instant T = Instant.parse("2026-03-10T06:48:31Z");

  static FusionInput incident() {
    Topology t =
        new Topology(
            List.of(
                new ServiceNode("frontend", ComponentKind.SERVICE, ""),
                new ServiceNode("cart", ComponentKind.SERVICE, "")),
            List.of(new Instance("cart-1", "cart", "node-a")),
            List.of(),
            List.of(new DependencyEdge("frontend", "cart", "http", 60)));
    List<Finding> fs =
        List.of(
            new Finding(
                "kubernetes_analysis",
                "cart",
                "cart",
                FaultClass.MEMORY_EXHAUSTION,
                "cart: OOMKilled x3 from 2026-03-10T06:48:31Z: Container cart",
                0.7,
                T,
                List.of(),
                new FindingDetail.KubernetesReason("OOMKilled", "cart-1", 3)),
            new Finding(
                "trace_analysis",
                "frontend",
                "frontend",
                null,
                "frontend: p95 900.0 ms, baseline 100.0 ms; 10.0 ms added by the service itself",
                0.5,
                null,
                List.of()));
    ScanDigest scan = new ScanDigest(Map.of("cart", Map.of("memory:up", 3.0, "node.cpu:up", 1.0)));
    return new FusionInput("frontend", true, fs, t, scan);
  }

  @Test
  void featuresNameTheEvidenceOnEachCandidate() {
    FusionInput in = incident();
    var f = CandidateFeatures.of(in, Director.fuse(in));

    assertThat(f.get("cart"))
        .containsEntry("k8s.oomkilled", 1.0)
        .containsEntry("c.kubernetes_analysis.memory_exhaustion", 0.7)
        .containsEntry("m.memory:up", 0.75)
        .containsEntry("topo.leaf", 1.0)
        .doesNotContainKey("alert.service");
    assertThat(f.get("frontend")).containsEntry("alert.service", 1.0);
    assertThat(f.get("frontend").get("topo.callee_anomaly")).isGreaterThan(0.5);
  }

  @Test
  void dumpRoundTripGivesTheSameFeatures() {
    FusionInput in = incident();
    ObjectMapper m = new ObjectMapper();
    FusionInput back = FusionInput.fromJson(m.valueToTree(in.toJson(m)));

    assertThat(CandidateFeatures.of(back, Director.fuse(back)))
        .isEqualTo(CandidateFeatures.of(in, Director.fuse(in)));
  }

  @Test
  void missingTelemetryBecomesAFeatureAndSurvivesTheDump() {
    FusionInput full = incident();
    FusionInput logsOnly =
        new FusionInput(
            full.alertService(),
            full.symptomatic(),
            full.findings(),
            full.topology(),
            full.scan(),
            List.of("metrics", "traces", "events", "code"));
    assertThat(logsOnly.missing()).containsExactly("metrics", "traces", "events");
    var f = CandidateFeatures.of(logsOnly, Director.fuse(logsOnly)).get("cart");
    assertThat(f).containsEntry("data.no_metrics", 1.0).doesNotContainKey("data.no_logs");
    assertThat(CandidateFeatures.of(full, Director.fuse(full)).get("cart"))
        .doesNotContainKey("data.no_metrics");
    FusionInput back = FusionInput.fromJson(logsOnly.toJson(new ObjectMapper()));
    assertThat(back.missing()).isEqualTo(logsOnly.missing());
    // dumps written before the field existed read as "nothing missing"
    var old = (com.fasterxml.jackson.databind.node.ObjectNode) full.toJson(new ObjectMapper());
    old.remove("missing");
    assertThat(FusionInput.fromJson(old).missing()).isEmpty();
  }

  @Test
  void modelRanksAndClassifiesByItsWeights() {
    RcaModel model =
        new RcaModel(
            Map.of("k8s.oomkilled", 4.0),
            Map.of("bias", 2.0),
            Map.of(
                FaultClass.MEMORY_EXHAUSTION, Map.of("k8s.oomkilled", 3.0),
                FaultClass.PERFORMANCE_REGRESSION, Map.of("x.trace_analysis", 3.0)),
            0.3,
            0.0,
            "test");
    FusionInput in = incident();
    var ranked = LearnedFusion.apply(model, in, Director.fuse(in));

    assertThat(ranked.get(0).service()).isEqualTo("cart");
    assertThat(ranked.get(0).faultClass()).isEqualTo(FaultClass.MEMORY_EXHAUSTION);
    double choice = Math.exp(4) / (Math.exp(4) + 1);
    assertThat(ranked.get(0).score()).isCloseTo(choice / (1 + Math.exp(-2)), within(1e-9));
    assertThat(ranked.get(1).faultClass()).isEqualTo(FaultClass.PERFORMANCE_REGRESSION);
    double total =
        model.classProbabilities(Map.of("k8s.oomkilled", 1.0)).values().stream()
            .mapToDouble(Double::doubleValue)
            .sum();
    assertThat(total).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void modelSurvivesItsJsonForm() {
    RcaModel model =
        new RcaModel(
            Map.of("a", 1.5),
            Map.of("b", 0.5),
            Map.of(FaultClass.DISK_FULL, Map.of("b", -0.5)),
            0.25,
            0.1,
            "seeds 1..2");
    ObjectMapper m = new ObjectMapper();
    assertThat(RcaModel.fromJson(m.valueToTree(model.toJson(m)))).isEqualTo(model);
  }

  @Test
  void softmaxLearnsASeparableRule() {
    // Three classes, each marked by its own feature, plus noise on a fourth.
    List<double[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 90; i++) {
      int c = i % 3;
      double[] v = {1, 0, 0, 0, r.nextDouble()};
      v[1 + c] = 1;
      x.add(v);
      y.add(c);
    }
    double[][] w = Softmax.fit(x.toArray(double[][]::new), y, 3, 0.001, 300);
    for (int c = 0; c < 3; c++) {
      int best = 0;
      for (int k = 1; k < 3; k++) {
        if (w[k][1 + c] > w[best][1 + c]) {
          best = k;
        }
      }
      assertThat(best).isEqualTo(c);
    }
  }

  @Test
  void trainerLearnsToBlameTheServiceWithTheDirectCauseAndToStayQuietOnControls() {
    FusionInput fault = incident();
    // A control: only a latency symptom on the entry service, no direct cause anywhere.
    FusionInput quiet =
        new FusionInput(
            "frontend",
            false,
            List.of(fault.findings().get(1)),
            fault.topology(),
            ScanDigest.EMPTY);
    List<RcaModelTrainer.Episode> eps = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      eps.add(
          new RcaModelTrainer.Episode(
              "f" + i, i, fault, "cart", FaultClass.MEMORY_EXHAUSTION, false));
      eps.add(new RcaModelTrainer.Episode("c" + i, 100 + i, quiet, null, FaultClass.NONE, true));
    }
    RcaModel m = RcaModelTrainer.fit(eps, "test");

    var ranked = LearnedFusion.apply(m, fault, Director.fuse(fault));
    assertThat(ranked.get(0).service()).isEqualTo("cart");
    assertThat(ranked.get(0).faultClass()).isEqualTo(FaultClass.MEMORY_EXHAUSTION);
    assertThat(ranked.get(0).score()).isGreaterThanOrEqualTo(m.noFaultBelow());
    var control = LearnedFusion.apply(m, quiet, Director.fuse(quiet));
    assertThat(control.get(0).score()).isLessThan(m.noFaultBelow());
  }
}

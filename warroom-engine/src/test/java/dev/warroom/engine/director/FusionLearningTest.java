package dev.warroom.engine.director;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.engine.actors.ScanDigest;
import dev.warroom.model.FaultClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FusionLearningTest {
  private static List<RcaModelTrainer.Episode> gym() {
    FusionInput fault = LearnedFusionTest.incident();
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
    return eps;
  }

  private static String top(RcaModel m, FusionInput in) {
    return LearnedFusion.apply(m, in, Director.fuse(in)).get(0).service();
  }

  @Test
  void weightedCorrectionsOutweighTheGymAndFeatherweightOnesDoNot() {
    RcaModel prior = RcaModelTrainer.fit(gym(), "gym");
    FusionInput in = LearnedFusionTest.incident();
    assertThat(top(prior, in)).isEqualTo("cart");
    // engineers corrected three such incidents: the cause was the frontend
    List<RcaModelTrainer.Episode> corrected = new ArrayList<>();
    for (double w : new double[] {50, 0.001}) {
      // the loss is a weighted mean: weights count against the gym episodes fitted beside them
      corrected.clear();
      corrected.addAll(gym().stream().filter(e -> !e.control()).toList());
      for (int i = 0; i < 3; i++) {
        corrected.add(new RcaModelTrainer.Episode("x" + i, 0, in, "frontend", null, false, w));
      }
      RcaModel after = RcaModelTrainer.fit(corrected, "corrections", prior);
      assertThat(top(after, in)).as("weight %s", w).isEqualTo(w > 1 ? "frontend" : "cart");
      // no control among the corrections: the prior's threshold is kept
      assertThat(after.noFaultBelow()).isEqualTo(prior.noFaultBelow());
    }
  }

  @Test
  void figuresCountTopOneAndFalseBlame() {
    RcaModel m = RcaModelTrainer.fit(gym(), "gym");
    FusionLearning.Figures f = FusionLearning.score(m, gym());
    assertThat(f.faults()).isEqualTo(6);
    assertThat(f.top1()).isEqualTo(6);
    assertThat(f.controls()).isEqualTo(6);
    assertThat(f.falseBlame()).isZero();
    assertThat(f.notWorseThan(new FusionLearning.Figures(6, 6, 6, 6, 0))).isTrue();
    assertThat(new FusionLearning.Figures(6, 5, 6, 6, 0).notWorseThan(f)).isFalse();
    assertThat(new FusionLearning.Figures(6, 6, 6, 6, 1).notWorseThan(f)).isFalse();
  }

  @Test
  void reportExampleKeepsFindingsAndLabelAndNamesABrokenReport(@TempDir Path dir) throws Exception {
    ObjectMapper m = new ObjectMapper();
    var report = m.createObjectNode();
    report.putObject("alert").put("service", "frontend");
    report.putArray("evidence").addObject().put("source", "impact_analysis");
    report
        .putArray("findings")
        .add(
            m.readTree(
                "{\"expert\":\"logs\",\"service\":\"cart\",\"component\":\"cart\",\"faultClass\":"
                    + "\"memory_exhaustion\",\"summary\":\"s\",\"score\":0.8,\"onset\":null,"
                    + "\"detail\":{\"kind\":\"none\"}}"));
    report.putArray("missingData").add("traces");
    Path f =
        FusionLearning.writeReportExample(
            "inc/1", report, "cart", FaultClass.MEMORY_EXHAUSTION, dir);
    assertThat(f.getFileName().toString()).isEqualTo("inc_1.json");
    RcaModelTrainer.Episode e = FusionLearning.read(List.of(f)).get(0);
    assertThat(e.root()).isEqualTo("cart");
    assertThat(e.fault()).isEqualTo(FaultClass.MEMORY_EXHAUSTION);
    assertThat(e.input().alertService()).isEqualTo("frontend");
    assertThat(e.input().symptomatic()).isTrue();
    assertThat(e.input().findings()).hasSize(1);
    assertThat(e.input().missing()).containsExactly("traces");

    var broken = m.createObjectNode();
    assertThatThrownBy(() -> FusionLearning.writeReportExample("inc-2", broken, "cart", null, dir))
        .hasMessageContaining("inc-2");
    assertThat(Files.exists(dir.resolve("inc-2.json"))).isFalse();
  }
}

package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.engine.director.FusionLearning;
import dev.warroom.engine.director.ModelDirectory;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnGateTest {
  @TempDir static Path tmp;
  static Path suite;
  static List<Path> fresh;

  @BeforeAll
  static void freshSuite() throws Exception {
    suite = tmp.resolve("fresh");
    GymCommandTest.Result gen =
        GymCommandTest.run(
            "gym",
            "suite",
            "--seeds",
            "9000..9005",
            "--window",
            "20m",
            "--baseline",
            "1d",
            "--out",
            suite.toString());
    assertThat(gen.code()).as(gen.err()).isZero();
    fresh = RcaGate.dumpSuite(suite, tmp.resolve("cache"), 1, new PrintWriter(new StringWriter()));
    assertThat(fresh).hasSize(6);
  }

  /** The shipped model with every weight passed through {@code f}. */
  private static Path shippedWith(String name, DoubleUnaryOperator f) throws Exception {
    ObjectMapper m = new ObjectMapper();
    JsonNode model;
    try (InputStream in =
        FusionLearning.class.getResourceAsStream("/dev/warroom/engine/director/rca-model.json")) {
      model = m.readTree(in);
    }
    for (String part : List.of("ranker", "detector")) {
      ObjectNode w = (ObjectNode) model.get(part);
      w.properties().forEach(e -> w.put(e.getKey(), f.applyAsDouble(e.getValue().asDouble())));
    }
    model
        .get("classes")
        .forEach(
            c ->
                ((ObjectNode) c)
                    .properties()
                    .forEach(
                        e ->
                            ((ObjectNode) c)
                                .put(e.getKey(), f.applyAsDouble(e.getValue().asDouble()))));
    Path file = tmp.resolve(name + ".json");
    m.writeValue(file.toFile(), model);
    return file;
  }

  @Test
  void gateRefusesAModelMadeWorseOnPurposeAndAdmitsAnEqualOne() throws Exception {
    RcaGate.Decision zeroed =
        RcaGate.judge(
            null, FusionLearning.candidate(shippedWith("zeroed", w -> 0)), List.of(), fresh);
    assertThat(zeroed.currentGym().top1()).as("the shipped model finds some").isPositive();
    assertThat(zeroed.adopt()).isFalse();
    assertThat(zeroed.reason()).contains("worse on fresh gym seeds");

    RcaGate.Decision negated =
        RcaGate.judge(
            null, FusionLearning.candidate(shippedWith("negated", w -> -w)), List.of(), fresh);
    assertThat(negated.adopt()).isFalse();
    assertThat(negated.candidateGym().top1()).isLessThan(negated.currentGym().top1());

    RcaGate.Decision same =
        RcaGate.judge(
            null, FusionLearning.candidate(shippedWith("same", w -> w)), List.of(), fresh);
    assertThat(same.adopt()).as(same.reason()).isTrue();
    assertThat(same.candidateGym()).isEqualTo(same.currentGym());

    // held-back labelled incidents count too: the zeroed model is worse on them as well
    RcaGate.Decision held =
        RcaGate.judge(null, FusionLearning.candidate(shippedWith("zeroed2", w -> 0)), fresh, fresh);
    assertThat(held.reason()).contains("worse on held-back labelled incidents");
  }

  @Test
  void learnAdoptsOrRefusesAndTheActiveModelNamesTheReport() throws Exception {
    // corrections on three episodes of the suite, as a truth file for --bundles
    ObjectMapper m = new ObjectMapper();
    ObjectNode truth = m.createObjectNode();
    for (Path ep : GymSuiteEvaluationAccess.episodes(suite)) {
      JsonNode t = m.readTree(ep.resolve("truth.json").toFile());
      if (!t.path("control").asBoolean() && truth.size() < 3) {
        truth
            .putObject(ep.getFileName().toString())
            .put("service", t.path("root_cause_service").asText())
            .put("fault", t.path("fault_class").asText());
      }
    }
    Path truthFile = tmp.resolve("truth.json");
    m.writeValue(truthFile.toFile(), truth);
    Path models = tmp.resolve("models");
    Path gen2 = tmp.resolve("fresh2");
    assertThat(
            GymCommandTest.run(
                    "gym",
                    "suite",
                    "--seeds",
                    "9010..9012",
                    "--window",
                    "20m",
                    "--baseline",
                    "1d",
                    "--out",
                    gen2.toString())
                .code())
        .isZero();
    GymCommandTest.Result r =
        GymCommandTest.run(
            "learn",
            "--bundles",
            suite.toString(),
            "--truth",
            truthFile.toString(),
            "--fresh",
            gen2.toString(),
            "--models",
            models.toString(),
            "--work",
            tmp.resolve("work").toString(),
            "--threads",
            "1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("learning from 0 gym episodes and 2 labelled incidents (1 held back)");
    assertThat(r.out()).contains("held-back labelled", "fresh gym seeds", "gate: ");
    ModelDirectory dir = ModelDirectory.at(models);
    if (r.out().contains("gate: adopted as v1")) {
      assertThat(dir.active()).contains("v1");
    } else {
      assertThat(r.out()).contains("gate: refused");
      assertThat(dir.list()).isEmpty();
      dir.adopt(FusionLearning.candidate(shippedWith("same2", w -> w)));
    }
    GymCommandTest.Result list = GymCommandTest.run("model", "list", "--models", models.toString());
    assertThat(list.out()).contains("* v1");
    GymCommandTest.Result inv =
        GymCommandTest.run(
            "investigate",
            GymSuiteEvaluationAccess.episodes(suite).get(0).toString(),
            "--json",
            "--models",
            models.toString());
    assertThat(inv.code()).as(inv.err()).isZero();
    assertThat(m.readTree(inv.out()).path("model").asText()).isEqualTo("v1");
    assertThat(GymCommandTest.run("model", "rollback", "--models", models.toString()).out())
        .contains("active model: shipped");
    GymCommandTest.Result shipped =
        GymCommandTest.run(
            "investigate",
            GymSuiteEvaluationAccess.episodes(suite).get(0).toString(),
            "--json",
            "--models",
            models.toString());
    assertThat(m.readTree(shipped.out()).path("model").asText()).isEqualTo("shipped");
    assertThat(Files.exists(models.resolve("v1.json"))).isTrue();
  }

  /** The suite's episode folders. */
  static final class GymSuiteEvaluationAccess {
    static List<Path> episodes(Path s) {
      return dev.warroom.eval.GymSuiteEvaluation.episodes(s);
    }
  }
}
